import { describe, expect, it } from 'vitest';
import { describeNetworkSetting, describeWay } from '../../../main/network/route-description';

describe('saying which way a request went', () => {
  it('names the proxy by host and port, or says directly', () => {
    expect(describeWay({ kind: 'direct' })).toBe('directly');
    expect(describeWay({ kind: 'http', host: '127.0.0.1', port: 8888 })).toBe('through the proxy at 127.0.0.1:8888');
    expect(describeWay({ kind: 'https', host: 'fd00::1', port: 443 })).toBe('through the proxy at [fd00::1]:443');
    expect(describeWay({ kind: 'socks5', host: 's.corp', port: 1080 })).toBe('through the SOCKS proxy at s.corp:1080');
  });

  it('describes a network setting for diagnostics without credentials', () => {
    expect(describeNetworkSetting({ mode: 'system' })).toBe('Proxy: the system’s settings');
    expect(describeNetworkSetting({ mode: 'none' })).toBe('Proxy: none (direct)');
    expect(describeNetworkSetting({ mode: 'manual', proxyUrl: 'http://proxy.corp:3128', bypass: ['a', 'b'] })).toBe(
      'Proxy: manual, http proxy at proxy.corp:3128; 2 bypass entries',
    );
  });
});
