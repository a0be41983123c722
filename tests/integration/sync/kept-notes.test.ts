import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

// What the sandbox never serves: a list with a duplicate and a detail with a bad holding. A portfolio whose list
// item and detail are unchanged is kept as stored when another item of its page changed; it keeps the notes it had
// (the detail's skipped holding, the duplicate) once each, and the item that changed while its detail answers 304
// gets its new list data merged with the stored holdings.

let app: TestApp | null = null;
let server: Server | null = null;

afterEach(async () => {
  await app?.close();
  server?.close();
  app = null;
  server = null;
});

/** A small partner API on 127.0.0.1 whose list page ETag moves with `state.generation`; details carry fixed ETags. */
async function startApi() {
  const state = { generation: 1, detailRequests: 0, detailNotModified: 0 };
  const details: Record<string, unknown> = {
    'a-1': {
      id: 'a-1',
      name: 'Alpha',
      holdings: [{ ticker: 'AAA', weight: 0.5 }, { ticker: 'BBB', weight: 0.5 }, { weight: 0.1 }],
    },
    'b-2': { id: 'b-2', name: 'Beta', holdings: [{ ticker: 'CCC', weight: 1 }] },
  };
  const list = () => [
    { id: 'a-1', name: 'Alpha' },
    { id: 'b-2', name: 'Beta', riskLevel: state.generation === 1 ? 'low' : 'high' },
    { id: 'a-1', name: 'Alpha again' },
  ];
  const answer = (res: ServerResponse, etag: string, ifNoneMatch: unknown, body: unknown) => {
    res.setHeader('etag', etag);
    if (ifNoneMatch === etag) return void res.writeHead(304).end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/oauth/token') {
      res.setHeader('content-type', 'application/json');
      return void res.end(JSON.stringify({ access_token: 'tok-kept-notes', expires_in: 3600, token_type: 'bearer' }));
    }
    const detail = /^\/model-portfolios\/(.+)$/.exec(url)?.[1];
    if (detail) {
      state.detailRequests += 1;
      if (req.headers['if-none-match'] === `"d-${detail}"`) state.detailNotModified += 1;
      return answer(res, `"d-${detail}"`, req.headers['if-none-match'], details[detail]);
    }
    answer(res, `"list-${state.generation}"`, req.headers['if-none-match'], { data: list(), next: null });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, api: { baseUrl, credentials: { clientId: 'c', clientSecret: 's3cret-kept-notes' } } as Sandbox };
}

const duplicate = 'Portfolio a-1 appeared twice; the first copy was kept.';
const skippedHolding = 'Alpha: Holding 3 was skipped: it has no ticker.';

describe('a sync in which a list page changed but a portfolio on it did not', () => {
  it('keeps that portfolio with its notes once each, and merges the item that changed', async () => {
    const { state, api } = await startApi();
    app = await startTestApp();
    await app.connect(api);
    const before = await app.services.portfolios.list();
    expect(before.issues.map((issue) => issue.message).sort()).toEqual([duplicate, skippedHolding].sort());

    state.generation = 2;
    state.detailRequests = 0;
    state.detailNotModified = 0;
    const outcome = await app.services.portfolios.syncNow();
    expect(state).toMatchObject({ detailRequests: 2, detailNotModified: 2 });
    expect(outcome.status).toBe('updated');
    const after = await app.services.portfolios.list();
    expect(after.issues.map((issue) => issue.message).sort()).toEqual([duplicate, skippedHolding].sort());
    // b-2's list item changed while its detail answered 304: the new list data with the stored holdings.
    const beta = await app.services.portfolios.get('b-2');
    expect(beta).toMatchObject({ riskLevel: 'high', holdings: [{ ticker: 'CCC', weight: 1 }] });
    expect(await app.services.portfolios.get('a-1')).toMatchObject({
      name: 'Alpha',
      holdings: [{ ticker: 'AAA' }, { ticker: 'BBB' }],
    });
  });
});
