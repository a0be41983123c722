import { afterEach, describe, expect, it } from 'vitest';
import { classifyResponse, conditionalHeaders } from '../../../main/api/conditional-request';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import { apiGet, getToken } from './helpers';

interface Item {
  id: string;
  updatedAt: string;
}

const httpDate = (iso: string): string => new Date(iso).toUTCString();
const latest = (items: Item[]): string =>
  httpDate(items.map((item) => item.updatedAt).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)));
const secondsLater = (date: string, seconds: number): string =>
  new Date(Date.parse(date) + seconds * 1000).toUTCString();

describe('Last-Modified and If-Modified-Since', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const start = async (options: SandboxOptions = {}): Promise<{ s: Sandbox; token: string }> => {
    const s = (sandbox = await startSandbox(options));
    return { s, token: await getToken(s) };
  };

  it("gives a detail its portfolio's updatedAt as Last-Modified", async () => {
    const { s, token } = await start();
    for (const id of ['mp-000001', 'mp-000005', 'mp-000040']) {
      const response = await apiGet(s, `/model-portfolios/${id}`, token);
      const item = (await response.json()) as Item;
      expect(response.headers.get('last-modified')).toBe(httpDate(item.updatedAt));
    }
  });

  it('gives each list page the latest updatedAt of its portfolios', async () => {
    const { s, token } = await start({ portfolios: 30, pageSize: 10 });
    const seen = new Set<string>();
    for (const page of [1, 2, 3]) {
      const response = await apiGet(s, `/model-portfolios?page=${page}`, token);
      const body = (await response.json()) as { data: Item[] };
      expect(response.headers.get('last-modified')).toBe(latest(body.data));
      seen.add(response.headers.get('last-modified')!);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('gives the one-array list (pagination none) the latest updatedAt of all', async () => {
    const { s, token } = await start({ portfolios: 130, pagination: 'none' });
    const response = await apiGet(s, '/model-portfolios', token);
    expect(response.headers.get('last-modified')).toBe(latest((await response.json()) as Item[]));
  });

  it('sends no Last-Modified for a page past the end', async () => {
    const { s, token } = await start({ portfolios: 10, pageSize: 10 });
    const response = await apiGet(s, '/model-portfolios?page=5', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('last-modified')).toBeNull();
  });

  it('answers 304 with ETag, Last-Modified and no body when If-Modified-Since is at or after it', async () => {
    const { s, token } = await start();
    for (const path of ['/model-portfolios', '/model-portfolios/mp-000002']) {
      const first = await apiGet(s, path, token);
      const lastModified = first.headers.get('last-modified')!;
      for (const since of [lastModified, secondsLater(lastModified, 1), secondsLater(lastModified, 86_400)]) {
        const again = await apiGet(s, path, token, { 'If-Modified-Since': since });
        expect(again.status, `${path} since ${since}`).toBe(304);
        expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
        expect(again.headers.get('last-modified')).toBe(lastModified);
        expect(await again.text()).toBe('');
      }
      const older = await apiGet(s, path, token, { 'If-Modified-Since': secondsLater(lastModified, -1) });
      expect(older.status).toBe(200);
    }
  });

  it('ignores an If-Modified-Since that is not a date', async () => {
    const { s, token } = await start();
    const response = await apiGet(s, '/model-portfolios/mp-000001', token, { 'If-Modified-Since': 'yesterday' });
    expect(response.status).toBe(200);
  });

  it('decides by If-None-Match alone when both are sent (RFC 9110 §13.1.3)', async () => {
    const { s, token } = await start();
    const first = await apiGet(s, '/model-portfolios/mp-000003', token);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const stale = await apiGet(s, '/model-portfolios/mp-000003', token, {
      'If-None-Match': '"an-older-etag"',
      'If-Modified-Since': lastModified,
    });
    expect(stale.status).toBe(200);
    const current = await apiGet(s, '/model-portfolios/mp-000003', token, {
      'If-None-Match': etag,
      'If-Modified-Since': secondsLater(lastModified, -3600),
    });
    expect(current.status).toBe(304);
  });

  it('still checks the token before answering 304 to If-Modified-Since', async () => {
    const { s } = await start();
    const response = await fetch(`${s.baseUrl}/model-portfolios/mp-000001`, {
      headers: { 'If-Modified-Since': new Date().toUTCString() },
    });
    expect(response.status).toBe(401);
  });

  it('answers the conditional-request helper: stored validators bring 304s, counted by the sandbox', async () => {
    const { s, token } = await start({ portfolios: 20, pageSize: 10 });
    const paths = ['/model-portfolios?page=1', '/model-portfolios?page=2', '/model-portfolios/mp-000007'];
    const stored = [];
    for (const path of paths) {
      const response = await apiGet(s, path, token);
      const outcome = classifyResponse(null, {
        status: response.status,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        body: await response.json(),
      });
      expect(outcome.outcome).toBe('changed');
      if (outcome.outcome !== 'changed') return;
      stored.push(outcome.validators);
    }
    for (const [index, path] of paths.entries()) {
      const headers = conditionalHeaders(stored[index]);
      expect(Object.keys(headers).sort()).toEqual(['If-Modified-Since', 'If-None-Match']);
      const response = await apiGet(s, path, token, headers);
      const outcome = classifyResponse(stored[index], {
        status: response.status,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      });
      expect(outcome).toEqual({ outcome: 'not-modified', validators: stored[index] });
    }
    expect(s.counters.notModified).toEqual({ list: 2, detail: 1 });
  });
});
