import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { environmentProxyResolver } from '../../../main/network/environment-proxy-resolver';

describe('the proxy choice from the environment, as curl reads it', () => {
  it('https URLs use https_proxy, then HTTPS_PROXY, then all_proxy', async () => {
    expect(await environmentProxyResolver({ https_proxy: 'http://a:3128' })('https://api.example/')).toBe(
      'PROXY a:3128',
    );
    expect(await environmentProxyResolver({ HTTPS_PROXY: 'http://b:3128' })('https://api.example/')).toBe(
      'PROXY b:3128',
    );
    expect(await environmentProxyResolver({ ALL_PROXY: 'socks5://c:1080' })('https://api.example/')).toBe(
      'SOCKS5 c:1080',
    );
    expect(await environmentProxyResolver({ all_proxy: 'socks4://d:1080' })('https://api.example/')).toBe(
      'SOCKS d:1080',
    );
  });

  it('the lower-case name wins when both are set', async () => {
    const resolve = environmentProxyResolver({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' });
    expect(await resolve('https://api.example/')).toBe('PROXY lower:1');
  });

  it('http URLs use http_proxy only in lower case (HTTP_PROXY is ignored, as curl does)', async () => {
    expect(await environmentProxyResolver({ http_proxy: 'http://p:8080' })('http://127.0.0.1:4010/')).toBe(
      'PROXY p:8080',
    );
    expect(await environmentProxyResolver({ HTTP_PROXY: 'http://p:8080' })('http://127.0.0.1:4010/')).toBe('DIRECT');
    expect(await environmentProxyResolver({ https_proxy: 'http://p:8080' })('http://127.0.0.1:4010/')).toBe('DIRECT');
  });

  it('uses curl default ports: 1080, and 443 for an https:// proxy', async () => {
    expect(await environmentProxyResolver({ https_proxy: 'proxy.corp' })('https://x/')).toBe('PROXY proxy.corp:1080');
    expect(await environmentProxyResolver({ https_proxy: 'https://proxy.corp' })('https://x/')).toBe(
      'HTTPS proxy.corp:443',
    );
  });

  it('honours NO_PROXY / no_proxy', async () => {
    const env = { https_proxy: 'http://p:3128', NO_PROXY: '.internal.example, 10.0.0.0/8', no_proxy: undefined };
    const resolve = environmentProxyResolver(env);
    expect(await resolve('https://api.internal.example/')).toBe('DIRECT');
    expect(await resolve('https://10.2.3.4/')).toBe('DIRECT');
    expect(await resolve('https://api.example/')).toBe('PROXY p:3128');
    expect(await environmentProxyResolver({ https_proxy: 'http://p:3128', no_proxy: '*' })('https://x/')).toBe(
      'DIRECT',
    );
  });

  it('no variables: DIRECT', async () => {
    expect(await environmentProxyResolver({})('https://api.example/')).toBe('DIRECT');
  });

  it('a proxy URL with a password or an unknown scheme is not used, and the log never shows the password', async () => {
    const lines: string[] = [];
    const logger = createLogger(new Redactor(), (_level, line) => lines.push(line));
    const withPassword = environmentProxyResolver({ https_proxy: 'http://me:hunter22@p:3128' }, logger);
    expect(await withPassword('https://api.example/')).toBe('DIRECT');
    const unknown = environmentProxyResolver({ https_proxy: 'ftp://p:21' }, logger);
    expect(await unknown('https://api.example/')).toBe('DIRECT');
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('hunter22');
  });
});
