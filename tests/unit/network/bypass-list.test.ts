import { describe, expect, it } from 'vitest';
import { parseBypassList, splitNoProxy } from '../../../main/network/bypass-list';

const matches = (entries: string[], url: string) => parseBypassList(entries).matches(url);

describe('the bypass list (NO_PROXY as curl reads it)', () => {
  it('matches a name and its sub-domains, not look-alikes', () => {
    expect(matches(['example.com'], 'https://example.com/x')).toBe(true);
    expect(matches(['example.com'], 'https://api.example.com/x')).toBe(true);
    expect(matches(['example.com'], 'https://myexample.com/x')).toBe(false);
    expect(matches(['example.com'], 'https://example.com.evil.net/x')).toBe(false);
  });

  it('treats a leading dot or *. as the same suffix rule', () => {
    for (const entry of ['.example.com', '*.example.com']) {
      expect(matches([entry], 'https://a.b.example.com')).toBe(true);
      expect(matches([entry], 'https://example.com')).toBe(true);
      expect(matches([entry], 'https://notexample.com')).toBe(false);
    }
  });

  it('is case-insensitive and ignores a trailing dot on the host', () => {
    expect(matches(['Example.COM'], 'https://API.example.com./')).toBe(true);
  });

  it('* matches every host', () => {
    expect(matches(['*'], 'http://127.0.0.1:8080')).toBe(true);
    expect(matches(['*'], 'https://anything.example')).toBe(true);
  });

  it('narrows an entry to a port when it names one', () => {
    expect(matches(['example.com:8443'], 'https://example.com:8443/')).toBe(true);
    expect(matches(['example.com:8443'], 'https://example.com/')).toBe(false);
    expect(matches(['example.com:443'], 'https://example.com/')).toBe(true);
    expect(matches(['127.0.0.1:4010'], 'http://127.0.0.1:4010/x')).toBe(true);
    expect(matches(['127.0.0.1:4010'], 'http://127.0.0.1:4011/x')).toBe(false);
    expect(matches(['[::1]:4010'], 'http://[::1]:4010/x')).toBe(true);
  });

  it('matches IP addresses exactly and CIDR ranges, IPv4 and IPv6', () => {
    expect(matches(['10.1.2.3'], 'https://10.1.2.3/')).toBe(true);
    expect(matches(['10.1.2.3'], 'https://10.1.2.4/')).toBe(false);
    expect(matches(['10.0.0.0/8'], 'https://10.200.1.1/')).toBe(true);
    expect(matches(['10.0.0.0/8'], 'https://11.0.0.1/')).toBe(false);
    expect(matches(['::1'], 'http://[::1]:8080/')).toBe(true);
    expect(matches(['fd00::/8'], 'https://[fd12::5]/')).toBe(true);
    expect(matches(['fd00::/8'], 'https://[fe80::1]/')).toBe(false);
  });

  it('does not match a name entry against an IP host, nor an IP entry against a name', () => {
    expect(matches(['1.example'], 'https://1.example/')).toBe(true);
    expect(matches(['127.0.0.1'], 'http://localhost/')).toBe(false);
    expect(matches(['localhost'], 'http://127.0.0.1/')).toBe(false);
  });

  it('<local> matches names without a dot', () => {
    expect(matches(['<local>'], 'http://intranet/')).toBe(true);
    expect(matches(['<local>'], 'http://api.example.com/')).toBe(false);
    expect(matches(['<local>'], 'http://127.0.0.1/')).toBe(false);
  });

  it('reports entries it cannot read and lets them match nothing', () => {
    const list = parseBypassList(['exa mple.com', 'ex*ample.com', '10.0.0.0/99', 'ok.example']);
    expect(list.warnings).toHaveLength(3);
    expect(list.matches('https://ok.example/')).toBe(true);
    expect(list.matches('https://example.com/')).toBe(false);
  });

  it('an empty list matches nothing', () => {
    expect(matches([], 'https://example.com/')).toBe(false);
    expect(matches([''], 'https://example.com/')).toBe(false);
  });

  it('splits NO_PROXY on commas, with or without spaces', () => {
    expect(splitNoProxy(' localhost, .corp.example,10.0.0.0/8 ,, ')).toEqual([
      'localhost',
      '.corp.example',
      '10.0.0.0/8',
    ]);
  });
});
