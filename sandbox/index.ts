// The sandbox's public surface: the server API plus the data generator tests use for expected values.
export * from './server';
export { generatePortfolio, portfolioId, portfolioIndex, type GenerateOptions, type SandboxPortfolio } from './data';
export { imperfectRecords, type ImperfectRecord, type ImperfectionKind } from './imperfect';
