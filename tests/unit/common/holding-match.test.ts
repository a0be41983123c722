import { describe, expect, it } from 'vitest';
import { matchHoldings, securityNameKey, tickerKey } from '../../../common/holding-match';
import { h } from './portfolio-fixture';

describe('matchHoldings', () => {
  it('normalises tickers (trimmed, upper case) and names (NFC, trimmed, one space, lower case)', () => {
    expect(tickerKey('  brk.b ')).toBe('BRK.B');
    expect(tickerKey('   ')).toBe('');
    expect(securityNameKey('  Nestle\u0301   S.A.\tADR ')).toBe('nestlé s.a. adr');
  });

  it('lines up three lists by ticker, in order of first appearance, with null where a list does not hold it', () => {
    const rows = matchHoldings([[h('AAA', 50), h('BBB', 50)], [h('bbb', 100)], [h('CCC', 30), h('AAA', 70)]]);
    expect(rows.map((row) => [row.key, ...row.weights])).toEqual([
      ['AAA', 0.5, null, 0.7],
      ['BBB', 0.5, 1, null],
      ['CCC', null, null, 0.3],
    ]);
    expect(rows[1]?.ticker).toBe('bbb');
  });

  it('takes display fields from the last list holding it, and the first occurrence within a list', () => {
    const [row] = matchHoldings([
      [h('AAA', 50, { name: 'Old Name', assetClass: 'US Equity' })],
      [h('AAA', 30, { name: 'New Name', assetClass: null }), h('AAA', 20, { name: 'Duplicate', assetClass: 'Cash' })],
    ]);
    expect(row).toEqual({ key: 'AAA', ticker: 'AAA', name: 'New Name', assetClass: 'US Equity', weights: [0.5, 0.5] });
  });

  it('keeps the ticker of a security a ticker-less holding joined by name', () => {
    const rows = matchHoldings([[h('', 100, { name: 'Apple Inc.' })], [h('AAPL', 100, { name: 'Apple Inc.' })]]);
    expect(rows).toEqual([
      { key: 'AAPL', ticker: 'AAPL', name: 'Apple Inc.', assetClass: 'US Equity', weights: [1, 1] },
    ]);
  });

  it('never matches a holding with neither ticker nor name', () => {
    const rows = matchHoldings([[h('', 50, { name: ' ' })], [h('', 50, { name: '' })]]);
    expect(rows.map((row) => [row.key, ...row.weights])).toEqual([
      ['unnamed:0', 0.5, null],
      ['unnamed:1', null, 0.5],
    ]);
  });
});
