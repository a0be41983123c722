import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import { apiGet, getToken, versionedAccept } from './helpers';

interface Item {
  id: string;
  name: string;
  holdings?: Array<{ weight: number }>;
}

describe('GET /model-portfolios and /model-portfolios/{id}', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const start = async (options: SandboxOptions = {}): Promise<{ s: Sandbox; token: string }> => {
    const s = (sandbox = await startSandbox(options));
    return { s, token: await getToken(s) };
  };

  describe('authentication', () => {
    const cases: Array<[string, (token: string) => Record<string, string>]> = [
      ['no Authorization header', () => ({})],
      ['a token the server never issued', () => ({ Authorization: 'Bearer not-a-real-token' })],
      ['a Basic header instead of Bearer', () => ({ Authorization: 'Basic dXNlcjpwYXNz' })],
      ['a bare token without the Bearer scheme', (token) => ({ Authorization: token })],
    ];
    for (const path of ['/model-portfolios', '/model-portfolios/mp-000001']) {
      it.each(cases)(`refuses ${path} with %s: 401 and WWW-Authenticate Bearer invalid_token`, async (_, headers) => {
        const { s, token } = await start();
        const response = await fetch(`${s.baseUrl}${path}`, {
          headers: { Accept: versionedAccept, ...headers(token) },
        });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
        expect(await response.json()).toEqual({ error: 'invalid_token', error_description: expect.any(String) });
      });
    }

    it('accepts the Bearer scheme in any case', async () => {
      const { s, token } = await start();
      const response = await fetch(`${s.baseUrl}/model-portfolios`, { headers: { Authorization: `bearer ${token}` } });
      expect(response.status).toBe(200);
    });
  });

  describe('Accept and API version', () => {
    it.each([
      ['the versioned header', versionedAccept],
      ['plain application/json', 'application/json'],
      ['*/*', '*/*'],
      ['a list with a q-value', 'text/html;q=0.9, application/json; version=1.0.0'],
    ])('accepts %s', async (_, accept) => {
      const { s, token } = await start();
      expect((await apiGet(s, '/model-portfolios', token, { Accept: accept })).status).toBe(200);
    });

    it('treats a missing Accept header as */*', async () => {
      const { s, token } = await start();
      const response = await fetch(`${s.baseUrl}/model-portfolios/mp-000001`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
    });

    it.each(['/model-portfolios', '/model-portfolios/mp-000001'])(
      'answers version 2.0.0 on %s with 406 unsupported_version naming the supported one',
      async (path) => {
        const { s, token } = await start();
        const response = await apiGet(s, path, token, { Accept: 'application/json; version=2.0.0' });
        expect(response.status).toBe(406);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await response.json()) as { error: string; error_description: string };
        expect(body.error).toBe('unsupported_version');
        expect(body.error_description).toMatch(/supported: 1\.0\.0/);
      },
    );

    it('answers a non-JSON Accept with 406 not_acceptable', async () => {
      const { s, token } = await start();
      const response = await apiGet(s, '/model-portfolios', token, { Accept: 'text/html' });
      expect(response.status).toBe(406);
      expect(await response.json()).toMatchObject({ error: 'not_acceptable' });
    });
  });

  describe('pagination', () => {
    it('next-link: pages carry data, an absolute next link and the whole total, until next is null', async () => {
      const { s, token } = await start({ portfolios: 120, pageSize: 50 });
      const ids: string[] = [];
      let url: string | null = '/model-portfolios';
      let pages = 0;
      while (url) {
        const response = await apiGet(s, url, token);
        expect(response.status).toBe(200);
        expect(response.headers.get('x-total-count')).toBe('120');
        const page = (await response.json()) as { data: Item[]; next: string | null; total: number };
        expect(Object.keys(page)).toEqual(['data', 'next', 'total']);
        expect(page.total).toBe(120);
        if (page.next) expect(page.next).toMatch(new RegExp(`^${s.baseUrl}/model-portfolios\\?page=\\d+$`));
        ids.push(...page.data.map((p) => p.id));
        url = page.next;
        pages++;
      }
      expect(pages).toBe(3);
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
      expect(ids[0]).toBe('mp-000001');
      expect(ids[119]).toBe('mp-000120');
    });

    it('link-header: each page is a bare array, with Link rel="next" until the last page', async () => {
      const { s, token } = await start({ portfolios: 7, pageSize: 3, pagination: 'link-header' });
      const ids: string[] = [];
      let url: string | undefined = '/model-portfolios';
      let lastLink: string | null = 'start';
      while (url) {
        const response = await apiGet(s, url, token);
        const page = (await response.json()) as Item[];
        expect(Array.isArray(page)).toBe(true);
        ids.push(...page.map((p) => p.id));
        lastLink = response.headers.get('link');
        url = /<([^>]+)>;\s*rel="next"/.exec(lastLink ?? '')?.[1];
      }
      expect(lastLink).toBeNull();
      expect(ids).toEqual(['mp-000001', 'mp-000002', 'mp-000003', 'mp-000004', 'mp-000005', 'mp-000006', 'mp-000007']);
    });

    it('cursor: {items, nextCursor}, followed with ?cursor= until nextCursor is null', async () => {
      const { s, token } = await start({ portfolios: 5, pageSize: 2, pagination: 'cursor' });
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path: string =
          cursor === null ? '/model-portfolios' : `/model-portfolios?cursor=${encodeURIComponent(cursor)}`;
        const page = (await (await apiGet(s, path, token)).json()) as { items: Item[]; nextCursor: string | null };
        expect(Object.keys(page)).toEqual(['items', 'nextCursor']);
        ids.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(ids).toEqual(['mp-000001', 'mp-000002', 'mp-000003', 'mp-000004', 'mp-000005']);
    });

    it('cursor: refuses a cursor it did not issue with 400 invalid_request', async () => {
      const { s, token } = await start({ pagination: 'cursor' });
      const response = await apiGet(s, '/model-portfolios?cursor=bogus', token);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('none: one bare array of everything, streamed without Content-Length', async () => {
      const { s, token } = await start({ portfolios: 130, pagination: 'none' });
      const response = await apiGet(s, '/model-portfolios', token);
      expect(response.headers.get('content-length')).toBeNull();
      const all = (await response.json()) as Item[];
      expect(all).toHaveLength(130);
      expect(all.map((p) => p.id).at(-1)).toBe('mp-000130');
    });

    it('none: an empty data set is an empty array', async () => {
      const { s, token } = await start({ portfolios: 0, pagination: 'none' });
      expect(await (await apiGet(s, '/model-portfolios', token)).json()).toEqual([]);
    });

    it('refuses a page number that is not a positive whole number with 400 invalid_request', async () => {
      const { s, token } = await start();
      for (const page of ['0', '-1', 'two', '1.5']) {
        const response = await apiGet(s, `/model-portfolios?page=${page}`, token);
        expect(response.status).toBe(400);
      }
    });

    it('answers a page past the end with no data and next null', async () => {
      const { s, token } = await start({ portfolios: 10, pageSize: 5 });
      const page = (await (await apiGet(s, '/model-portfolios?page=9', token)).json()) as {
        data: Item[];
        next: null;
        total: number;
      };
      expect(page).toEqual({ data: [], next: null, total: 10 });
    });

    it('uses the configured page size', async () => {
      const { s, token } = await start({ pageSize: 7 });
      const page = (await (await apiGet(s, '/model-portfolios', token)).json()) as { data: Item[]; next: string };
      expect(page.data).toHaveLength(7);
      expect(page.next).toBe(`${s.baseUrl}/model-portfolios?page=2`);
    });
  });

  describe('holdings in the list', () => {
    it('lists holdings by default, the same bytes as the detail route', async () => {
      const { s, token } = await start();
      const page = (await (await apiGet(s, '/model-portfolios', token)).json()) as { data: Item[] };
      const detail = (await (await apiGet(s, '/model-portfolios/mp-000004', token)).json()) as Item;
      expect(page.data[3]).toEqual(detail);
      expect(detail.holdings?.length).toBeGreaterThanOrEqual(5);
    });

    it('with listHoldings false, list items have no holdings and only the detail route has them', async () => {
      const { s, token } = await start({ listHoldings: false });
      const page = (await (await apiGet(s, '/model-portfolios', token)).json()) as { data: Item[] };
      expect(page.data.every((p) => !('holdings' in p))).toBe(true);
      const detail = (await (await apiGet(s, '/model-portfolios/mp-000001', token)).json()) as Item;
      expect(detail.holdings?.length).toBeGreaterThanOrEqual(5);
      const { holdings: _, ...summary } = detail;
      expect(page.data[0]).toEqual(summary);
    });
  });

  describe('weights', () => {
    it('percent weights sum to 100 and fraction weights to 1', async () => {
      for (const weights of ['percent', 'fraction'] as const) {
        const { s, token } = await start({ weights, imperfect: false });
        const detail = (await (await apiGet(s, '/model-portfolios/mp-000001', token)).json()) as Item;
        const sum = (detail.holdings ?? []).reduce((a, h) => a + h.weight, 0);
        expect(sum).toBeCloseTo(weights === 'percent' ? 100 : 1, 9);
        await s.close();
      }
    });
  });

  describe('ETag and If-None-Match', () => {
    it('answers 304 with no body when If-None-Match has the current ETag', async () => {
      const { s, token } = await start();
      for (const path of ['/model-portfolios', '/model-portfolios/mp-000002']) {
        const first = await apiGet(s, path, token);
        const etag = first.headers.get('etag');
        expect(etag).toMatch(/^"[^"]+"$/);
        const again = await apiGet(s, path, token, { 'If-None-Match': etag ?? '' });
        expect(again.status).toBe(304);
        expect(again.headers.get('etag')).toBe(etag);
        expect(await again.text()).toBe('');
        expect((await apiGet(s, path, token, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
        expect((await apiGet(s, path, token, { 'If-None-Match': '"something-else"' })).status).toBe(200);
      }
    });

    it('gives each page its own ETag', async () => {
      const { s, token } = await start({ portfolios: 100, pageSize: 10 });
      const one = (await apiGet(s, '/model-portfolios?page=1', token)).headers.get('etag');
      const two = (await apiGet(s, '/model-portfolios?page=2', token)).headers.get('etag');
      expect(one).not.toBe(two);
    });

    it('keeps ETags across restarts with the same seed, and changes them with the seed or options', async () => {
      const etagOf = async (options: SandboxOptions): Promise<string | null> => {
        const s = await startSandbox(options);
        try {
          return (await apiGet(s, '/model-portfolios', await getToken(s))).headers.get('etag');
        } finally {
          await s.close();
        }
      };
      const base = await etagOf({ seed: 7 });
      expect(await etagOf({ seed: 7 })).toBe(base);
      expect(await etagOf({ seed: 8 })).not.toBe(base);
      expect(await etagOf({ seed: 7, weights: 'percent' })).not.toBe(base);
      expect(await etagOf({ seed: 7, portfolios: 41 })).not.toBe(base);
    });

    it('still checks the token before answering 304', async () => {
      const { s, token } = await start();
      const etag = (await apiGet(s, '/model-portfolios', token)).headers.get('etag') ?? '';
      const response = await fetch(`${s.baseUrl}/model-portfolios`, { headers: { 'If-None-Match': etag } });
      expect(response.status).toBe(401);
    });
  });

  describe('detail route', () => {
    it('answers an id it does not have with 404 not_found', async () => {
      const { s, token } = await start({ portfolios: 40 });
      for (const id of ['mp-000041', 'mp-999999', 'nope', 'mp-0000001', 'mp-000000']) {
        const response = await apiGet(s, `/model-portfolios/${id}`, token);
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: 'not_found' });
      }
    });

    it('serves the last portfolio of a large set without generating the others', async () => {
      const { s, token } = await start({ portfolios: 100_000 });
      const response = await apiGet(s, '/model-portfolios/mp-100000', token);
      expect(response.status).toBe(200);
      expect(((await response.json()) as Item).id).toBe('mp-100000');
    });
  });

  describe('other paths and methods', () => {
    it('answers an unknown path with 404 {"error":"not_found"}', async () => {
      const { s } = await start();
      for (const path of [
        '/',
        '/model-portfolio',
        '/model-portfolios/',
        '/model-portfolios/mp-000001/holdings',
        '/__admin/counters',
      ]) {
        const response = await fetch(`${s.baseUrl}${path}`);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: 'not_found' });
      }
    });

    it('answers a wrong method with 405 and Allow: GET', async () => {
      const { s, token } = await start();
      for (const path of ['/model-portfolios', '/model-portfolios/mp-000001']) {
        const response = await fetch(`${s.baseUrl}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('GET');
      }
    });
  });
});
