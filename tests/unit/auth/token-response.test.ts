import { describe, expect, it } from 'vitest';
import { parseTokenResponse } from '../../../main/auth/token-response';

describe('parseTokenResponse', () => {
  it.each([
    ['the doc’s own spelling', { accessTtoken: 'abc', expiresIn: 86400, tokenType: 'bearer' }, 86400],
    ['camelCase', { accessToken: 'abc', expiresIn: 3600, tokenType: 'Bearer' }, 3600],
    ['RFC 6749 names', { access_token: 'abc', expires_in: 60, token_type: 'BEARER' }, 60],
    ['a numeric string lifetime', { access_token: 'abc', expires_in: '7200' }, 7200],
    ['no token type', { accessToken: 'abc', expiresIn: 10 }, 10],
  ])('reads %s', (_label, body, seconds) => {
    expect(parseTokenResponse(body)).toEqual({ accessToken: 'abc', expiresInSeconds: seconds, lifetimeAssumed: false });
  });

  it('clamps a lifetime beyond one year to a year, so the expiry stays a real date', () => {
    expect(parseTokenResponse({ accessToken: 'abc', expiresIn: 1e13 }).expiresInSeconds).toBe(365 * 86_400);
    expect(parseTokenResponse({ accessToken: 'abc', expiresIn: '99999999999999' }).expiresInSeconds).toBe(365 * 86_400);
    expect(parseTokenResponse({ accessToken: 'abc', expiresIn: 365 * 86_400 }).expiresInSeconds).toBe(365 * 86_400);
  });

  it('assumes 24 h when no lifetime is given, and says so', () => {
    expect(parseTokenResponse({ accessTtoken: 'abc' })).toEqual({
      accessToken: 'abc',
      expiresInSeconds: 86400,
      lifetimeAssumed: true,
    });
  });

  it.each([
    ['not an object', 'abc'],
    ['an array', ['abc']],
    ['null', null],
    ['no token', { expiresIn: 10 }],
    ['an empty token', { accessToken: '  ', expiresIn: 10 }],
    ['a token with a quote', { accessToken: '"abc"', expiresIn: 10 }],
    ['a non-numeric lifetime', { accessToken: 'abc', expiresIn: 'soon' }],
    ['a zero lifetime', { accessToken: 'abc', expiresIn: 0 }],
    ['a negative lifetime', { accessToken: 'abc', expiresIn: -5 }],
    ['an infinite lifetime', { accessToken: 'abc', expiresIn: Infinity }],
    ['a mac token', { accessToken: 'abc', tokenType: 'mac' }],
  ])('refuses %s with TOKEN_RESPONSE_INVALID, quoting nothing of the body', (_label, body) => {
    let thrown: unknown;
    try {
      parseTokenResponse(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'TOKEN_RESPONSE_INVALID' });
    expect((thrown as Error).message).not.toContain('abc');
  });
});
