import { describe, expect, it } from 'vitest';
import { readProxyChallenge } from '../../../main/network/proxy-challenge';

describe('reading Proxy-Authenticate', () => {
  it('reads Basic with its realm', () => {
    expect(readProxyChallenge('Basic realm="Tinyproxy"')).toEqual({
      schemes: ['basic'],
      basic: true,
      realm: 'Tinyproxy',
    });
  });

  it('reads several challenges in one header, with parameters and commas in quotes', () => {
    expect(readProxyChallenge('Negotiate, NTLM, Basic realm="Corp, London", charset="UTF-8"')).toEqual({
      schemes: ['negotiate', 'ntlm', 'basic'],
      basic: true,
      realm: 'Corp, London',
    });
  });

  it('reads several headers', () => {
    expect(readProxyChallenge(['NTLM', 'BASIC realm=corp'])).toEqual({
      schemes: ['ntlm', 'basic'],
      basic: true,
      realm: 'corp',
    });
  });

  it('knows when Basic is not offered', () => {
    expect(readProxyChallenge(['Negotiate', 'NTLM'])).toEqual({
      schemes: ['negotiate', 'ntlm'],
      basic: false,
      realm: null,
    });
    expect(readProxyChallenge('Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag==')).toMatchObject({ schemes: ['negotiate'] });
    expect(readProxyChallenge('Digest realm="x", nonce="abc", qop="auth"')).toMatchObject({
      schemes: ['digest'],
      basic: false,
    });
  });

  it('unescapes a quoted realm and takes no realm as null', () => {
    expect(readProxyChallenge('Basic realm="say \\"hi\\""').realm).toBe('say "hi"');
    expect(readProxyChallenge('Basic').realm).toBeNull();
  });

  it('a missing header offers nothing', () => {
    expect(readProxyChallenge(undefined)).toEqual({ schemes: [], basic: false, realm: null });
  });
});
