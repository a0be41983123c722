import { describe, expect, it } from 'vitest';
import {
  clientSecretAccount,
  proxyCredentialsAccount,
  proxyOfAccount,
  tokenAccount,
} from '../../../main/auth/keychain-accounts';

describe('proxy credentials accounts', () => {
  it('names a proxy by host (lower case, IPv6 in brackets) and port, and reads the proxy back', () => {
    for (const [host, port] of [
      ['proxy.corp.example', 3128],
      ['10.0.0.1', 8080],
      ['::1', 1],
      ['fe80::1', 65_535],
    ] as const) {
      const account = proxyCredentialsAccount(host, port);
      expect(proxyOfAccount(account), account).toEqual({ host, port });
    }
    expect(proxyCredentialsAccount('PROXY.Corp', 3128)).toBe('proxy:proxy.corp:3128');
    expect(proxyCredentialsAccount('::1', 8080)).toBe('proxy:[::1]:8080');
  });

  it('reads no proxy from any other account, or from a damaged one', () => {
    for (const account of [
      clientSecretAccount('p-1'),
      tokenAccount('p-1'),
      'proxy:',
      'proxy:host',
      'proxy:host:',
      'proxy:host:0',
      'proxy:host:65536',
      'proxy:host:80x',
      'proxy:[::1:80',
      'proxy:::1:80',
      'proxy:a:b:80',
      'xproxy:host:80',
    ])
      expect(proxyOfAccount(account), account).toBeNull();
  });
});
