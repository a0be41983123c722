import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { apiGet, getToken, postDocTokenRequest, waitFor } from './helpers';

describe('counters', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('count token requests (failed ones too) apart from tokens issued', async () => {
    const s = (sandbox = await startSandbox());
    await getToken(s);
    await postDocTokenRequest(s, { clientId: s.credentials.clientId, clientSecret: 'wrong' });
    await fetch(`${s.baseUrl}/oauth/token`);
    expect(s.counters.tokenRequests).toBe(3);
    expect(s.counters.tokensIssued).toBe(1);
    expect(s.counters.requests.token).toBe(3);
  });

  it('count requests per route, unknown paths as other', async () => {
    const s = (sandbox = await startSandbox());
    const token = await getToken(s);
    await apiGet(s, '/model-portfolios', token);
    await apiGet(s, '/model-portfolios', 'bad-token');
    await apiGet(s, '/model-portfolios/mp-000001', token);
    await apiGet(s, '/model-portfolios/mp-999999', token);
    await apiGet(s, '/model-portfolios/mp-000002', token);
    await fetch(`${s.baseUrl}/nothing`);
    expect(s.counters.requests).toEqual({ token: 1, list: 2, detail: 3, other: 1 });
  });

  it('count bytes sent, at least every body byte, growing with each response', async () => {
    const s = (sandbox = await startSandbox());
    const token = await getToken(s);
    // A response is counted once the server has finished writing it, which may be a moment after the client read it.
    await waitFor(() => s.counters.bytesSent > 0, 'the token response to be counted');
    const before = s.counters.bytesSent;
    const body = await (await apiGet(s, '/model-portfolios', token)).arrayBuffer();
    await waitFor(() => s.counters.bytesSent - before > body.byteLength, 'the list response to be counted');
    // Headers too, but not wildly more.
    expect(s.counters.bytesSent - before).toBeLessThan(body.byteLength + 2_000);
  });

  it('count 304 answers per route apart from the requests', async () => {
    const s = (sandbox = await startSandbox());
    const token = await getToken(s);
    const page = await apiGet(s, '/model-portfolios', token);
    const detail = await apiGet(s, '/model-portfolios/mp-000001', token);
    await apiGet(s, '/model-portfolios', token, { 'If-None-Match': page.headers.get('etag') ?? '' });
    await apiGet(s, '/model-portfolios', token, { 'If-None-Match': '"stale"' });
    await apiGet(s, '/model-portfolios/mp-000001', token, {
      'If-Modified-Since': detail.headers.get('last-modified') ?? '',
    });
    expect(s.counters.requests).toMatchObject({ list: 3, detail: 2 });
    expect(s.counters.notModified).toEqual({ list: 1, detail: 1 });
  });

  it('reset() sets every counter back to zero', async () => {
    const s = (sandbox = await startSandbox());
    const token = await getToken(s);
    const page = await apiGet(s, '/model-portfolios', token);
    await apiGet(s, '/model-portfolios', token, { 'If-None-Match': page.headers.get('etag') ?? '' });
    expect(s.counters.notModified.list).toBe(1);
    s.counters.reset();
    expect({ ...s.counters, reset: undefined }).toEqual({
      tokenRequests: 0,
      tokensIssued: 0,
      requests: { token: 0, list: 0, detail: 0, other: 0 },
      notModified: { list: 0, detail: 0 },
      bytesSent: 0,
      connections: 0,
      reset: undefined,
    });
    await apiGet(s, '/model-portfolios/mp-000001', await getToken(s));
    expect(s.counters.requests).toEqual({ token: 1, list: 0, detail: 1, other: 0 });
  });
});
