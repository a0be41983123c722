import { describe, expect, it } from 'vitest';
import {
  classifyResponse,
  conditionalHeaders,
  noValidators,
  usableEtag,
  usableLastModified,
  type HttpValidators,
} from '../../../main/api/conditional-request';
import { stableHash } from '../../../main/api/stable-hash';

const date = 'Sat, 01 Mar 2025 12:00:00 GMT';
const stored = (over: Partial<HttpValidators> = {}): HttpValidators => ({ ...noValidators, ...over });

describe('conditionalHeaders', () => {
  it('sends nothing for a resource never fetched, or stored without validators', () => {
    expect(conditionalHeaders(null)).toEqual({});
    expect(conditionalHeaders(undefined)).toEqual({});
    expect(conditionalHeaders(stored({ bodyHash: 'abc' }))).toEqual({});
  });

  it('sends If-None-Match for an ETag, If-Modified-Since for a Last-Modified, both when both are known', () => {
    expect(conditionalHeaders(stored({ etag: '"v1"' }))).toEqual({ 'If-None-Match': '"v1"' });
    expect(conditionalHeaders(stored({ lastModified: date }))).toEqual({ 'If-Modified-Since': date });
    expect(conditionalHeaders(stored({ etag: 'W/"v1"', lastModified: date }))).toEqual({
      'If-None-Match': 'W/"v1"',
      'If-Modified-Since': date,
    });
  });

  it('never echoes a value that is not a valid entity-tag or date', () => {
    for (const etag of ['v1', '"v1"\r\nX-Injected: 1', '"a"b"', '', '"é"'])
      expect(conditionalHeaders(stored({ etag })), etag).toEqual({});
    for (const lastModified of ['yesterday', `${date}\r\nX: 1`, ''])
      expect(conditionalHeaders(stored({ lastModified })), lastModified).toEqual({});
    expect(usableEtag('  "v2"  ')).toBe('"v2"');
    expect(usableLastModified(` ${date} `)).toBe(date);
  });
});

describe('classifyResponse', () => {
  it('takes a 304 to a condition as not modified, keeping the stored validators and body hash', () => {
    const before = stored({ etag: '"v1"', lastModified: date, bodyHash: 'h' });
    expect(classifyResponse(before, { status: 304, etag: null, lastModified: null })).toEqual({
      outcome: 'not-modified',
      validators: before,
    });
  });

  it('refreshes the validators a 304 carries', () => {
    const before = stored({ etag: '"v1"', lastModified: date });
    const later = 'Sun, 02 Mar 2025 12:00:00 GMT';
    expect(classifyResponse(before, { status: 304, etag: '"v1b"', lastModified: later })).toEqual({
      outcome: 'not-modified',
      validators: { etag: '"v1b"', lastModified: later, bodyHash: null },
    });
  });

  it('refuses a 304 to a request that carried no condition', () => {
    expect(classifyResponse(null, { status: 304, etag: '"v1"', lastModified: null })).toEqual({
      outcome: 'unexpected-304',
    });
    expect(classifyResponse(stored({ bodyHash: 'h' }), { status: 304, etag: null, lastModified: null })).toEqual({
      outcome: 'unexpected-304',
    });
  });

  it('keeps the validators of a 200 and does not hash its body when it has one', () => {
    expect(classifyResponse(null, { status: 200, etag: '"v2"', lastModified: date, body: { a: 1 } })).toEqual({
      outcome: 'changed',
      validators: { etag: '"v2"', lastModified: date, bodyHash: null },
    });
  });

  it('hashes the body of a 200 without validators, and finds an unchanged one the same whatever its key order', () => {
    const first = classifyResponse(null, { status: 200, etag: null, lastModified: null, body: { a: 1, b: [1, 2] } });
    expect(first).toEqual({
      outcome: 'changed',
      validators: { ...noValidators, bodyHash: stableHash({ a: 1, b: [1, 2] }) },
    });
    if (first.outcome !== 'changed') return;
    const again = classifyResponse(first.validators, {
      status: 200,
      etag: undefined,
      lastModified: undefined,
      body: { b: [1, 2], a: 1 },
    });
    expect(again).toEqual({ outcome: 'same-body', validators: first.validators });
    const changed = classifyResponse(first.validators, {
      status: 200,
      etag: null,
      lastModified: null,
      body: { a: 2, b: [1, 2] },
    });
    expect(changed.outcome).toBe('changed');
  });

  it('hashes every body when told to, so a new ETag over the same content still counts as the same body', () => {
    const body = { id: 'mp-1' };
    const before = stored({ etag: '"v1"', bodyHash: stableHash(body) });
    expect(classifyResponse(before, { status: 200, etag: '"v2"', lastModified: null, body }, 'always')).toEqual({
      outcome: 'same-body',
      validators: { etag: '"v2"', lastModified: null, bodyHash: stableHash(body) },
    });
  });

  it('drops response validators it could not send back', () => {
    expect(classifyResponse(null, { status: 200, etag: 'unquoted', lastModified: 'soon', body: [] })).toEqual({
      outcome: 'changed',
      validators: { etag: null, lastModified: null, bodyHash: stableHash([]) },
    });
  });
});
