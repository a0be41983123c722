import { afterEach, describe, expect, it } from 'vitest';
import { tokenGarbageVariants } from '../../../sandbox/faults';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { apiGet, getToken, postDocTokenRequest, rawRequest, versionedAccept, waitFor } from './helpers';

describe('fault injection', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const start = async (): Promise<{ s: Sandbox; token: string }> => {
    const s = (sandbox = await startSandbox({ faults: true }));
    return { s, token: await getToken(s) };
  };
  const authHeaders = (token: string): Record<string, string> => ({
    Accept: versionedAccept,
    Authorization: `Bearer ${token}`,
  });

  it('is off by default: enqueue and clear throw', async () => {
    const s = (sandbox = await startSandbox());
    expect(() => s.faults.enqueue('list', { kind: 'status', status: 500 })).toThrow(/faults: true/);
    expect(() => s.faults.clear()).toThrow(/faults: true/);
  });

  it('refuses a malformed fault', async () => {
    const { s } = await start();
    expect(() => s.faults.enqueue('list', { kind: 'status', status: 42 })).toThrow(TypeError);
    expect(() => s.faults.enqueue('list', { kind: 'oversized', bytes: 0 })).toThrow(TypeError);
  });

  describe('status', () => {
    it.each([
      [500, 'server_error'],
      [502, 'bad_gateway'],
      [503, 'temporarily_unavailable'],
      [504, 'gateway_timeout'],
      [408, 'request_timeout'],
      [403, 'access_denied'],
      [404, 'not_found'],
    ])('answers the next list request with %i (%s), then normally again', async (status, error) => {
      const { s, token } = await start();
      s.faults.enqueue('list', { kind: 'status', status });
      const faulted = await apiGet(s, '/model-portfolios', token);
      expect(faulted.status).toBe(status);
      expect(await faulted.json()).toEqual({ error, error_description: expect.any(String) });
      expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
    });

    it('sends Retry-After with a 429 when asked', async () => {
      const { s, token } = await start();
      s.faults.enqueue('detail', { kind: 'status', status: 429, retryAfterSeconds: 7 });
      const response = await apiGet(s, '/model-portfolios/mp-000001', token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toMatchObject({ error: 'too_many_requests' });
    });

    it('sends WWW-Authenticate Bearer invalid_token with a 401 on an API route, even for a valid token', async () => {
      const { s, token } = await start();
      s.faults.enqueue('list', { kind: 'status', status: 401 });
      const response = await apiGet(s, '/model-portfolios', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(await response.json()).toMatchObject({ error: 'invalid_token' });
      expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
    });

    it('sends the given OAuth error body on the token route, with Cache-Control no-store', async () => {
      const { s } = await start();
      const body = { error: 'invalid_client', error_description: 'Client disabled' };
      s.faults.enqueue('token', { kind: 'status', status: 401, body });
      const response = await postDocTokenRequest(s);
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual(body);
      expect((await postDocTokenRequest(s)).status).toBe(200);
    });

    it('affects only the route it was queued for', async () => {
      const { s, token } = await start();
      s.faults.enqueue('detail', { kind: 'status', status: 500 });
      expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
      expect((await postDocTokenRequest(s)).status).toBe(200);
      expect((await apiGet(s, '/model-portfolios/mp-000001', token)).status).toBe(500);
    });
  });

  describe('queueing', () => {
    it('faults the next N requests, in FIFO order across enqueues, then answers normally', async () => {
      const { s, token } = await start();
      s.faults.enqueue('list', { kind: 'status', status: 500 }, 2);
      s.faults.enqueue('list', { kind: 'status', status: 503 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await apiGet(s, '/model-portfolios', token)).status);
      expect(statuses).toEqual([500, 500, 503, 200]);
    });

    it('counts faulted requests in the counters', async () => {
      const { s, token } = await start();
      s.counters.reset();
      s.faults.enqueue('list', { kind: 'status', status: 502 }, 3);
      s.faults.enqueue('token', { kind: 'status', status: 503 });
      for (let i = 0; i < 3; i++) await apiGet(s, '/model-portfolios', token);
      await postDocTokenRequest(s);
      expect(s.counters.requests.list).toBe(3);
      expect(s.counters.tokenRequests).toBe(1);
      expect(s.counters.tokensIssued).toBe(0);
    });

    it('clear() drops every pending fault', async () => {
      const { s, token } = await start();
      s.faults.enqueue('list', { kind: 'status', status: 500 }, 5);
      s.faults.clear();
      expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
    });
  });

  it('delay: answers normally, but only after the delay (a later request overtakes it)', async () => {
    const { s, token } = await start();
    s.faults.enqueue('list', { kind: 'delay', ms: 1_500 });
    const order: string[] = [];
    const delayed = apiGet(s, '/model-portfolios', token).then(async (r) => {
      order.push('delayed');
      return r;
    });
    await waitFor(() => s.counters.requests.list === 1, 'the delayed request to arrive');
    const quick = await apiGet(s, '/model-portfolios/mp-000001', token);
    order.push('quick');
    expect(quick.status).toBe(200);
    const response = await delayed;
    expect(order).toEqual(['quick', 'delayed']);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { total: number }).total).toBe(40);
  });

  it('stall: accepts the request and never answers, until close() ends the connection without hanging', async () => {
    const { s, token } = await start();
    s.faults.enqueue('list', { kind: 'stall' });
    let settled = false;
    const stalled = rawRequest(`${s.baseUrl}/model-portfolios`, { headers: authHeaders(token) }).finally(() => {
      settled = true;
    });
    await waitFor(() => s.counters.requests.list === 1, 'the stalled request to arrive');
    // Another request is answered meanwhile, and the stalled one is still open.
    expect((await apiGet(s, '/model-portfolios/mp-000002', token)).status).toBe(200);
    expect(settled).toBe(false);
    await s.close();
    await expect(stalled).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) });
  });

  it('reset: destroys the connection with no response', async () => {
    const { s, token } = await start();
    s.faults.enqueue('detail', { kind: 'reset' });
    await expect(
      rawRequest(`${s.baseUrl}/model-portfolios/mp-000001`, { headers: authHeaders(token) }),
    ).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect((await apiGet(s, '/model-portfolios/mp-000001', token)).status).toBe(200);
  });

  it('truncated: Content-Length promises more than is sent, then the connection ends', async () => {
    const { s, token } = await start();
    s.faults.enqueue('list', { kind: 'truncated' });
    const response = await rawRequest(`${s.baseUrl}/model-portfolios`, { headers: authHeaders(token) });
    expect(response.status).toBe(200);
    const promised = Number(response.headers['content-length']);
    expect(promised).toBeGreaterThan(0);
    expect(response.body.length).toBeLessThan(promised);
    expect(response.complete).toBe(false);
    expect(response.body.toString('utf8').startsWith('{"data":[')).toBe(true);
  });

  it('truncated on the token route cuts a real token response', async () => {
    const { s } = await start();
    s.faults.enqueue('token', { kind: 'truncated' });
    const response = await rawRequest(`${s.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { Accept: versionedAccept, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: s.credentials.clientId,
        client_secret: s.credentials.clientSecret,
        grant_type: 'client_credentials',
      }),
    });
    expect(response.complete).toBe(false);
    expect(response.body.length).toBeLessThan(Number(response.headers['content-length']));
  });

  describe('invalid-json', () => {
    it.each(['/model-portfolios', '/model-portfolios/mp-000001'])(
      'answers %s with 200 JSON that does not parse',
      async (path) => {
        const { s, token } = await start();
        s.faults.enqueue(path.endsWith('portfolios') ? 'list' : 'detail', { kind: 'invalid-json' });
        const response = await apiGet(s, path, token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const text = await response.text();
        expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      },
    );

    it("answers the token route with the doc's literal example: a real token, and a trailing comma", async () => {
      const { s } = await start();
      s.faults.enqueue('token', { kind: 'invalid-json' });
      const text = await (await postDocTokenRequest(s)).text();
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      const lenient = JSON.parse(text.replace(/,\s*}/, '}')) as {
        accessTtoken: string;
        expiresIn: number;
        tokenType: string;
      };
      expect(lenient).toMatchObject({ expiresIn: 86400, tokenType: 'bearer' });
      expect((await apiGet(s, '/model-portfolios', lenient.accessTtoken)).status).toBe(200);
    });
  });

  it('html: answers 200 with a captive-portal HTML page', async () => {
    const { s, token } = await start();
    s.faults.enqueue('list', { kind: 'html' });
    const response = await apiGet(s, '/model-portfolios', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text).toContain('<form');
  });

  it('oversized: streams a JSON-looking 200 body of exactly the asked size, chunked', async () => {
    const { s, token } = await start();
    const bytes = 5 * 1024 * 1024 + 3;
    s.faults.enqueue('list', { kind: 'oversized', bytes });
    const response = await rawRequest(`${s.baseUrl}/model-portfolios`, { headers: authHeaders(token) });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.length).toBe(bytes);
    expect(response.body.subarray(0, 10).toString()).toBe('{"data":[]');
  });

  describe('redirect', () => {
    it('points at the same path and query on the foreign origin, which records what it receives', async () => {
      const { s, token } = await start();
      s.faults.enqueue('list', { kind: 'redirect', status: 302 });
      const response = await rawRequest(`${s.baseUrl}/model-portfolios?page=2`, { headers: authHeaders(token) });
      expect(response.status).toBe(302);
      const location = response.headers.location ?? '';
      expect(location).toBe(`${s.foreign.baseUrl}/model-portfolios?page=2`);
      expect(new URL(location).origin).not.toBe(s.baseUrl);

      // A careless client that carries the token along: the foreign origin sees and records it.
      const followed = await rawRequest(location, { headers: { ...authHeaders(token), 'X-Trace': 'abc' } });
      expect(followed.status).toBe(200);
      expect(JSON.parse(followed.body.toString())).toEqual({ data: [], next: null, total: 0 });
      expect(s.foreign.requests).toHaveLength(1);
      expect(s.foreign.requests[0]).toMatchObject({
        method: 'GET',
        url: location,
        headers: { authorization: `Bearer ${token}`, 'x-trace': 'abc' },
        body: '',
      });
    });

    it('on the token route, lets a test see whether the client secret reached the other origin', async () => {
      const { s } = await start();
      s.faults.enqueue('token', { kind: 'redirect', status: 307 });
      const body = JSON.stringify({
        client_id: s.credentials.clientId,
        client_secret: s.credentials.clientSecret,
        grant_type: 'client_credentials',
      });
      const headers = { Accept: versionedAccept, 'Content-Type': 'application/json' };
      const first = await rawRequest(`${s.baseUrl}/oauth/token`, { method: 'POST', headers, body });
      expect(first.status).toBe(307);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(s.foreign.requests).toHaveLength(0);
      await rawRequest(first.headers.location ?? '', { method: 'POST', headers, body });
      expect(s.foreign.requests.map((r) => r.body).join('\n')).toContain(s.credentials.clientSecret);
    });

    it('same-origin: points back at the sandbox, where the followed request is answered normally', async () => {
      const { s, token } = await start();
      s.faults.enqueue('detail', { kind: 'redirect', status: 308, target: 'same-origin' });
      const response = await rawRequest(`${s.baseUrl}/model-portfolios/mp-000002`, { headers: authHeaders(token) });
      expect(response.status).toBe(308);
      expect(response.headers.location).toBe(`${s.baseUrl}/model-portfolios/mp-000002`);
      const followed = await apiGet(s, '/model-portfolios/mp-000002', token);
      expect(followed.status).toBe(200);
      expect(s.foreign.requests).toHaveLength(0);
    });
  });

  describe('token-garbage', () => {
    const expectations: Record<string, (body: unknown) => void> = {
      'missing-token': (b) => expect(b).toEqual({ expiresIn: 86400, tokenType: 'bearer' }),
      'empty-token': (b) => expect(b).toEqual({ accessTtoken: '', expiresIn: 86400, tokenType: 'bearer' }),
      'missing-expiry': (b) => expect(b).toEqual({ accessTtoken: expect.any(String), tokenType: 'bearer' }),
      'non-numeric-expiry': (b) => expect(b).toMatchObject({ expiresIn: expect.any(String) }),
      'zero-expiry': (b) => expect(b).toMatchObject({ expiresIn: 0 }),
      'negative-expiry': (b) => expect(b).toMatchObject({ expiresIn: expect.any(Number) }),
      'wrong-token-type': (b) => expect(b).toMatchObject({ accessTtoken: expect.any(String), tokenType: 'mac' }),
      'not-an-object': (b) => expect(typeof b).toBe('string'),
    };

    it.each(tokenGarbageVariants)('%s: a 200 token response wrong in just that way', async (variant) => {
      const { s } = await start();
      s.faults.enqueue('token', { kind: 'token-garbage', variant });
      const response = await postDocTokenRequest(s);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as unknown;
      expectations[variant]?.(body);
      if (variant === 'negative-expiry') expect((body as { expiresIn: number }).expiresIn).toBeLessThan(0);
      // Where a token is present it is real, so a tolerant client can go on with it.
      const token =
        typeof body === 'object' && body !== null ? (body as { accessTtoken?: string }).accessTtoken : undefined;
      if (token) expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
    });

    it('follows the token style for field names', async () => {
      const s = (sandbox = await startSandbox({ faults: true, tokenStyle: 'rfc' }));
      s.faults.enqueue('token', { kind: 'token-garbage', variant: 'missing-expiry' });
      expect(await (await postDocTokenRequest(s)).json()).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
      });
    });
  });
});
