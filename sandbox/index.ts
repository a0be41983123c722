export * from './server';
export { generatePortfolio, portfolioId, portfolioIndex, type GenerateOptions, type SandboxPortfolio } from './data';
export { imperfectRecords, type ImperfectRecord, type ImperfectionKind } from './imperfect';
