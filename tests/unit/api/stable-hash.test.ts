import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, stableHash } from '../../../main/api/stable-hash';

describe('stableHash', () => {
  it('is the SHA-256 (base64url) of the canonical JSON, as the hashes stored in caches were computed', () => {
    const value = { b: [1, 'two', null], a: { d: true, c: 'é' } };
    const expected = createHash('sha256').update('{"a":{"c":"é","d":true},"b":[1,"two",null]}', 'utf8');
    expect(stableHash(value)).toBe(expected.digest('base64url'));
  });

  it('is the same for the same data whatever the key order and whitespace', () => {
    const a = JSON.parse('{"id":"mp-1","holdings":[{"ticker":"A","weight":0.5},{"ticker":"B","weight":0.5}]}');
    const b = JSON.parse(
      '{ "holdings": [ { "weight": 0.5, "ticker": "A" }, { "weight": 0.5, "ticker": "B" } ],\n "id": "mp-1" }',
    );
    expect(stableHash(a)).toBe(stableHash(b));
  });

  it('differs when a value, an array order or a key differs', () => {
    const base = { id: 'mp-1', holdings: [{ ticker: 'A' }, { ticker: 'B' }] };
    const hashes = new Set([
      stableHash(base),
      stableHash({ ...base, id: 'mp-2' }),
      stableHash({ ...base, holdings: [{ ticker: 'B' }, { ticker: 'A' }] }),
      stableHash({ ...base, extra: null }),
      stableHash({ id: 'mp-1', holdings: [{ ticker: 'A' }, { ticker: 'B' }, {}] }),
      stableHash([base]),
    ]);
    expect(hashes.size).toBe(6);
  });

  it('writes canonical JSON that parses back to the same value, keys sorted at every depth', () => {
    const value = { z: 1, a: { y: [3, { c: 'é', b: true }], x: null }, m: 'line\nbreak "quoted"' };
    const text = canonicalJson(value);
    expect(text).toBe('{"a":{"x":null,"y":[3,{"b":true,"c":"é"}]},"m":"line\\nbreak \\"quoted\\"","z":1}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('treats what JSON cannot carry as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: () => 1, c: Number.NaN, d: [undefined] })).toBe(
      JSON.stringify({ a: undefined, b: () => 1, c: Number.NaN, d: [undefined] }),
    );
    expect(canonicalJson(new Date('2025-01-02T03:04:05.000Z'))).toBe('"2025-01-02T03:04:05.000Z"');
  });

  it('sorts keys of many differently shaped objects alike (beyond what it remembers of key sets)', () => {
    const shapes = Array.from({ length: 1500 }, (_, i) => ({ [`k${i}`]: i, b: 2, a: 1 }));
    const reversed = shapes.map((shape) => Object.fromEntries(Object.entries(shape).reverse()));
    expect(canonicalJson(reversed)).toBe(canonicalJson(shapes));
    expect(canonicalJson(shapes[1499])).toBe('{"a":1,"b":2,"k1499":1499}');
  });

  it('is a 43-character base64url SHA-256', () => {
    expect(stableHash({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
