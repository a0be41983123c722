import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { apiGet, getToken } from './helpers';

describe('the admin route /__admin/*', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const admin = (s: Sandbox, path: string, method = 'GET', body?: unknown): Promise<Response> =>
    fetch(`${s.baseUrl}/__admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('does not exist when faults are off: a plain 404 like any unknown path', async () => {
    const s = (sandbox = await startSandbox());
    for (const [path, method] of [
      ['faults', 'POST'],
      ['counters', 'GET'],
      ['clock', 'POST'],
    ] as const) {
      const response = await admin(s, path, method, method === 'POST' ? {} : undefined);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not_found' });
    }
    expect(s.counters.requests.other).toBe(3);
  });

  it('POST /__admin/faults queues a fault (204) that the next request takes', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    const token = await getToken(s);
    const queued = await admin(s, 'faults', 'POST', {
      route: 'list',
      fault: { kind: 'status', status: 503, retryAfterSeconds: 2 },
      times: 2,
    });
    expect(queued.status).toBe(204);
    expect(await (await admin(s, 'faults')).json()).toEqual({ token: 0, list: 2, detail: 0 });
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(503);
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(503);
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
  });

  it('POST /__admin/faults refuses a bad route or fault with 400', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    for (const body of [
      { route: 'nowhere', fault: { kind: 'reset' } },
      { route: 'list', fault: { kind: 'explode' } },
      { route: 'list', fault: { kind: 'redirect', status: 200 } },
      { route: 'list', fault: { kind: 'reset' }, times: -1 },
    ]) {
      const response = await admin(s, 'faults', 'POST', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await fetch(`${s.baseUrl}/__admin/faults`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('DELETE /__admin/faults clears the queue', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    const token = await getToken(s);
    await admin(s, 'faults', 'POST', { route: 'list', fault: { kind: 'reset' }, times: 3 });
    expect((await admin(s, 'faults', 'DELETE')).status).toBe(204);
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
  });

  it('POST /__admin/clock moves the sandbox clock, so tokens expire', async () => {
    const s = (sandbox = await startSandbox({ faults: true, tokenTtlSeconds: 3600 }));
    const token = await getToken(s);
    const before = (await (await admin(s, 'clock')).json()) as { nowMs: number };
    const moved = await admin(s, 'clock', 'POST', { advanceMs: 3600 * 1000 });
    expect(moved.status).toBe(200);
    const after = (await moved.json()) as { nowMs: number; now: string };
    expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(3600 * 1000);
    expect(after.now).toBe(new Date(after.nowMs).toISOString());
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(401);
    expect((await admin(s, 'clock', 'POST', { advanceMs: 'soon' })).status).toBe(400);
  });

  it('GET /__admin/counters reads the counters, and admin requests are not counted', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    const token = await getToken(s);
    await apiGet(s, '/model-portfolios', token);
    await apiGet(s, '/model-portfolios/mp-000001', token);
    const counters = (await (await admin(s, 'counters')).json()) as Record<string, unknown>;
    expect(counters).toEqual({
      tokenRequests: 1,
      tokensIssued: 1,
      requests: { token: 1, list: 1, detail: 1, other: 0 },
      notModified: { list: 0, detail: 0 },
      bytesSent: expect.any(Number),
      connections: expect.any(Number),
    });
    expect(counters.bytesSent).toBeGreaterThan(0);
    expect((await admin(s, 'counters', 'DELETE')).status).toBe(204);
    expect(s.counters.requests.list).toBe(0);
  });

  it('POST /__admin/revoke-tokens makes every issued token invalid', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    const token = await getToken(s);
    expect((await admin(s, 'revoke-tokens', 'POST')).status).toBe(204);
    expect((await apiGet(s, '/model-portfolios', token)).status).toBe(401);
  });

  it('GET /__admin/foreign-requests shows what the foreign origin recorded', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    await fetch(`${s.foreign.baseUrl}/anything?x=1`, { method: 'POST', body: 'hello' });
    const log = (await (await admin(s, 'foreign-requests')).json()) as {
      baseUrl: string;
      requests: Array<{ url: string; body: string }>;
    };
    expect(log.baseUrl).toBe(s.foreign.baseUrl);
    expect(log.requests).toEqual([
      expect.objectContaining({ method: 'POST', url: `${s.foreign.baseUrl}/anything?x=1`, body: 'hello' }),
    ]);
    expect((await admin(s, 'foreign-requests', 'DELETE')).status).toBe(204);
    expect(s.foreign.requests).toHaveLength(0);
  });

  it('answers an unknown admin path with 404 and a wrong method with 405', async () => {
    const s = (sandbox = await startSandbox({ faults: true }));
    expect((await admin(s, 'nothing-here')).status).toBe(404);
    expect((await admin(s, 'revoke-tokens', 'GET')).status).toBe(405);
  });
});
