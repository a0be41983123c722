import { describe, expect, it } from 'vitest';
import { networkSettingSchema, parseProxyUrl, proxyUrlSchema, splitBypassList } from '../../../common/network-setting';

describe('the per-profile network setting', () => {
  it('defaults to the system’s proxy settings', () => {
    expect(networkSettingSchema.parse(undefined)).toEqual({ mode: 'system' });
  });

  it('reads the three modes', () => {
    expect(networkSettingSchema.parse({ mode: 'none' })).toEqual({ mode: 'none' });
    expect(networkSettingSchema.parse({ mode: 'manual', proxyUrl: 'Proxy.Corp:3128' })).toEqual({
      mode: 'manual',
      proxyUrl: 'http://proxy.corp:3128',
      bypass: [],
    });
    expect(
      networkSettingSchema.parse({
        mode: 'manual',
        proxyUrl: 'socks5://s:1080/',
        bypass: ['.corp', '10.0.0.0/8', '<local>'],
      }),
    ).toEqual({ mode: 'manual', proxyUrl: 'socks5://s:1080', bypass: ['.corp', '10.0.0.0/8', '<local>'] });
  });

  it('refuses a manual proxy with a user name and password, saying where they go instead', () => {
    const result = networkSettingSchema.safeParse({ mode: 'manual', proxyUrl: 'http://me:pw@proxy:3128' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/keychain/);
  });

  it.each(['', 'ftp://proxy:21', 'http://proxy:0', 'http://proxy:70000', 'http://proxy/path', 'http://pro xy'])(
    'refuses the proxy URL %j',
    (value) => {
      expect(proxyUrlSchema.safeParse(value).success).toBe(false);
    },
  );

  it('refuses unknown modes, extra fields and bad bypass entries', () => {
    expect(networkSettingSchema.safeParse({ mode: 'pac' }).success).toBe(false);
    expect(networkSettingSchema.safeParse({ mode: 'none', proxyUrl: 'http://p:1' }).success).toBe(false);
    expect(networkSettingSchema.safeParse({ mode: 'manual', proxyUrl: 'http://p:1', bypass: ['a b'] }).success).toBe(
      false,
    );
  });

  it('takes a proxy URL apart', () => {
    expect(parseProxyUrl('https://[FD00::1]:8443')).toEqual({
      ok: true,
      parts: { scheme: 'https', host: '[fd00::1]', port: 8443 },
    });
    expect(parseProxyUrl('proxy')).toEqual({ ok: true, parts: { scheme: 'http', host: 'proxy', port: null } });
  });

  it('splits a typed bypass list', () => {
    expect(splitBypassList('a.example, b.example;\n10.0.0.0/8  <local>')).toEqual([
      'a.example',
      'b.example',
      '10.0.0.0/8',
      '<local>',
    ]);
  });
});
