import { describe, expect, it } from 'vitest';
import { manualProxyResolver } from '../../../main/network/manual-proxy-resolver';

describe('a profile’s manual proxy', () => {
  it('sends every URL through the proxy, with browsers’ default ports', async () => {
    expect(await manualProxyResolver({ proxyUrl: 'http://proxy.corp:8080', bypass: [] })('https://api.example/')).toBe(
      'PROXY proxy.corp:8080',
    );
    expect(await manualProxyResolver({ proxyUrl: 'http://proxy.corp', bypass: [] })('https://api.example/')).toBe(
      'PROXY proxy.corp:80',
    );
    expect(await manualProxyResolver({ proxyUrl: 'https://proxy.corp', bypass: [] })('https://x/')).toBe(
      'HTTPS proxy.corp:443',
    );
    expect(await manualProxyResolver({ proxyUrl: 'socks5://s.corp', bypass: [] })('https://x/')).toBe(
      'SOCKS5 s.corp:1080',
    );
  });

  it('goes direct for hosts on the bypass list, with no DIRECT fallback otherwise', async () => {
    const resolve = manualProxyResolver({ proxyUrl: 'http://p:3128', bypass: ['*.corp.example', '127.0.0.1:4010'] });
    expect(await resolve('https://api.corp.example/')).toBe('DIRECT');
    expect(await resolve('http://127.0.0.1:4010/model-portfolios')).toBe('DIRECT');
    expect(await resolve('http://127.0.0.1:4011/model-portfolios')).toBe('PROXY p:3128');
  });

  it('refuses a proxy URL that did not pass the schema', () => {
    expect(() => manualProxyResolver({ proxyUrl: 'http://user:pw@p:1', bypass: [] })).toThrow(RangeError);
  });
});
