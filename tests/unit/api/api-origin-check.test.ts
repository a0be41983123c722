import { describe, expect, it } from 'vitest';
import { ApiClient, type TokenProvider } from '../../../main/api/api-client';

// Telling the API's own origin from another: what guards every response a sync accepts, and where the token goes.

const noTokens: TokenProvider = {
  getToken: () => Promise.reject(new Error('no request is made here')),
  invalidate: () => Promise.resolve(),
};

describe('ApiClient.isApiOrigin', () => {
  const api = new ApiClient('https://api.example.com/v1/', noTokens);

  it('accepts URLs on the base URL’s scheme, host and port, however they are written', () => {
    for (const url of [
      'https://api.example.com/v1/model-portfolios?page=2',
      'https://api.example.com/elsewhere',
      'https://API.Example.com/v1/',
      'https://api.example.com:443/v1/',
    ])
      expect(api.isApiOrigin(url), url).toBe(true);
  });

  it('refuses another host, port or scheme, user-info tricks and what does not parse', () => {
    for (const url of [
      'https://api.example.com.evil.example/v1/',
      'https://api.example.com@evil.example/v1/',
      'https://evil.example/https://api.example.com/',
      'https://api.example.com:8443/v1/',
      'http://api.example.com/v1/',
      'api.example.com/v1/',
      'not a url',
    ])
      expect(api.isApiOrigin(url), url).toBe(false);
  });

  it('keeps the port apart on a base URL that names one', () => {
    const local = new ApiClient('http://127.0.0.1:8080', noTokens);
    expect(local.isApiOrigin('http://127.0.0.1:8080/model-portfolios')).toBe(true);
    expect(local.isApiOrigin('http://127.0.0.1:80800/model-portfolios')).toBe(false);
    expect(local.isApiOrigin('http://127.0.0.1:808/model-portfolios')).toBe(false);
    expect(local.isApiOrigin('http://127.0.0.1/model-portfolios')).toBe(false);
  });
});
