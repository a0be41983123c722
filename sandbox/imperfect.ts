/** The kinds of deliberately imperfect record the sandbox serves when `imperfect` is on. */
export type ImperfectionKind =
  | 'weights-99.7'
  | 'missing-optional-fields'
  | 'extra-fields'
  | 'unicode-name'
  | 'comma-quotes-name'
  | 'newline-name'
  | 'formula-name';

/** One deliberately imperfect record: where it sits and what is wrong with it. */
export interface ImperfectRecord {
  /** Zero-based position in the list. */
  index: number;
  /** Its portfolio id. */
  id: string;
  kind: ImperfectionKind;
  /** The name it carries instead of a generated one, if any. */
  name?: string;
}

/** Every imperfect record, at fixed low positions so a default 40-portfolio sandbox (one page of 50) has them all. */
export const imperfectRecords: readonly ImperfectRecord[] = [
  { index: 2, id: 'mp-000003', kind: 'weights-99.7' },
  { index: 4, id: 'mp-000005', kind: 'missing-optional-fields' },
  { index: 6, id: 'mp-000007', kind: 'extra-fields' },
  { index: 10, id: 'mp-000011', kind: 'unicode-name', name: 'Größe & Wachstum — 成長 📈' },
  { index: 12, id: 'mp-000013', kind: 'comma-quotes-name', name: 'Income, "Plus"' },
  { index: 16, id: 'mp-000017', kind: 'newline-name', name: 'Balanced\nGrowth Sleeve' },
  { index: 18, id: 'mp-000019', kind: 'formula-name', name: '=SUM(A1:A2) Growth' },
];

/** The imperfect record at a position, if there is one. */
export function imperfectionAt(index: number): ImperfectRecord | undefined {
  return imperfectRecords.find((record) => record.index === index);
}

/** Weight total (basis points) of the short-weighted record: 99.70 %. */
export const shortWeightBasisPoints = 9_970;
