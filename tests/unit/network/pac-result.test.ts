import { describe, expect, it } from 'vitest';
import { parsePacResult } from '../../../main/network/pac-result';

describe('reading a PAC result string', () => {
  it('reads DIRECT alone', () => {
    expect(parsePacResult('DIRECT')).toEqual({ entries: [{ kind: 'direct' }], warnings: [] });
  });

  it('reads every proxy type, in order', () => {
    const { entries, warnings } = parsePacResult(
      'PROXY proxy.corp:8080; HTTPS secure.corp:8443; SOCKS5 socks.corp:1081; SOCKS old.corp:1082; SOCKS4 four.corp:1083; HTTP web.corp:3128; DIRECT',
    );
    expect(warnings).toEqual([]);
    expect(entries).toEqual([
      { kind: 'http', host: 'proxy.corp', port: 8080 },
      { kind: 'https', host: 'secure.corp', port: 8443 },
      { kind: 'socks5', host: 'socks.corp', port: 1081 },
      { kind: 'socks4', host: 'old.corp', port: 1082 },
      { kind: 'socks4', host: 'four.corp', port: 1083 },
      { kind: 'http', host: 'web.corp', port: 3128 },
      { kind: 'direct' },
    ]);
  });

  it('accepts lower case, extra spaces, tabs and empty entries', () => {
    expect(parsePacResult('  proxy   Proxy.Corp:8080 ;; ;\tdirect ; ').entries).toEqual([
      { kind: 'http', host: 'proxy.corp', port: 8080 },
      { kind: 'direct' },
    ]);
  });

  it('fills the default port of each type when none is given', () => {
    expect(parsePacResult('PROXY a; HTTPS b; SOCKS c; SOCKS5 d').entries).toEqual([
      { kind: 'http', host: 'a', port: 80 },
      { kind: 'https', host: 'b', port: 443 },
      { kind: 'socks4', host: 'c', port: 1080 },
      { kind: 'socks5', host: 'd', port: 1080 },
    ]);
  });

  it('reads IPv4 and bracketed IPv6 proxies', () => {
    expect(parsePacResult('PROXY 10.0.0.1:3128; PROXY [FD00::1]:8080').entries).toEqual([
      { kind: 'http', host: '10.0.0.1', port: 3128 },
      { kind: 'http', host: 'fd00::1', port: 8080 },
    ]);
  });

  it('skips an unreadable entry with a warning and keeps the rest', () => {
    const { entries, warnings } = parsePacResult(
      'PROXY bad host:80; QUIC q.corp:443; PROXY p:99999; PROXY; PROXY good:81',
    );
    expect(entries).toEqual([{ kind: 'http', host: 'good', port: 81 }]);
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toMatch(/unknown or unsupported type/);
  });

  it('ignores an address after DIRECT, with a warning', () => {
    const { entries, warnings } = parsePacResult('DIRECT somewhere:80');
    expect(entries).toEqual([{ kind: 'direct' }]);
    expect(warnings).toHaveLength(1);
  });

  it.each(['', '   ', ';;', 'garbage', '<html>error</html>', 'PROXY :80'])(
    'goes DIRECT with a warning when nothing can be used: %j',
    (text) => {
      const { entries, warnings } = parsePacResult(text);
      expect(entries).toEqual([{ kind: 'direct' }]);
      expect(warnings.at(-1)).toMatch(/no usable entry; going DIRECT/);
    },
  );
});
