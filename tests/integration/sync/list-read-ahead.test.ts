import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, type GetJsonOptions, type TokenProvider } from '../../../main/api/api-client';
import type { PageValidators } from '../../../main/cache/records/record-types';
import { readList, type ListPass } from '../../../main/sync/list-pass';
import { SyncBudget } from '../../../main/sync/sync-budget';

// The list pass asks ahead along the chain of pages the last sync stored: once a page's answer is in hand, the
// page stored after it is asked for before this one is read. Against a real HTTP server on loopback that answers
// every page late: the read-ahead is asked before the page before it is read, the server never has two list
// requests at once, a chain that changed drops the read-ahead (even one that fails), and the pass reads exactly
// what a pass without stored pages reads.

/** A paginated list on 127.0.0.1: `pages[i]` lists ids, each page links to the next; ETags per page content. */
interface ListServer {
  baseUrl: string;
  pages: string[][];
  /** Pages (by number, 1-based) that answer 500 from now on. */
  failing: Set<number>;
  log: string[];
  maxInFlight: number;
  close(): Promise<void>;
}

async function startListServer(pages: string[][], delayMs = 15): Promise<ListServer> {
  let inFlight = 0;
  const state: Omit<ListServer, 'baseUrl' | 'close'> = { pages, failing: new Set(), log: [], maxInFlight: 0 };
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = Number(url.searchParams.get('page') ?? '1');
    state.log.push(`GET ${page}`);
    setTimeout(() => {
      const ids = state.pages[page - 1];
      if (state.failing.has(page)) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"server_error"}');
        return;
      }
      if (!ids) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
        return;
      }
      const next = page < state.pages.length ? `${base}/model-portfolios?page=${page + 1}` : null;
      const body = JSON.stringify({ data: ids.map((id) => ({ id, name: `Model ${id}` })), next });
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...state,
    baseUrl: base,
    get log() {
      return state.log;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as ListServer;
}

const tokens: TokenProvider = { getToken: () => Promise.resolve('test-token'), invalidate: () => Promise.resolve() };
const servers: ListServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The real API client, with every GET and every accepted answer written to `events` in order. */
function recordingClient(server: ListServer, events: string[]): ApiClient {
  const api = new ApiClient(server.baseUrl, tokens, {
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, retryAfterCapMs: 1 },
  });
  const getJson = api.getJson.bind(api);
  api.getJson = (url: string, options?: GetJsonOptions): Promise<ApiResponse> => {
    events.push(`ask ${new URL(url).searchParams.get('page') ?? '1'}`);
    return getJson(url, options);
  };
  return api;
}

async function pass(
  server: ListServer,
  stored: readonly PageValidators[],
  events: string[] = [],
  signal = new AbortController().signal,
): Promise<ListPass> {
  const api = recordingClient(server, events);
  const budget = new SyncBudget(api, signal, { maxItems: 1_000, maxBytes: 10_000_000 });
  const accept = budget.accept.bind(budget);
  budget.accept = (response) => {
    events.push(`read ${new URL(response.url).searchParams.get('page') ?? '1'}`);
    return accept(response);
  };
  return readList(budget, stored, 100);
}

/** What the next sync is given: the pass's pages with the ids each listed. */
function storedFrom(result: ListPass): PageValidators[] {
  const ids = result.entries.map((entry) => (entry.kind === 'kept' ? entry.id : (entry.item as { id: string }).id));
  return result.pages.map(({ entries, ...page }) => ({ ...page, portfolioIds: entries.map((at) => ids[at]!) }));
}

const idsOf = (result: ListPass) =>
  result.entries.map((entry) => (entry.kind === 'kept' ? entry.id : (entry.item as { id: string }).id));

const fourPages = () => [
  ['a1', 'a2'],
  ['b1', 'b2'],
  ['c1', 'c2'],
  ['d1', 'd2'],
];

describe('the list pass reads ahead along the stored chain', () => {
  it('asks for the stored next page before the page before it is read, one list request at a time', async () => {
    const server = await startListServer(fourPages());
    servers.push(server);
    const first = await pass(server, []);
    // Pages 2 and 4 change: their answers are 200s, pages 1 and 3 answer 304.
    server.pages[1] = ['b1', 'b2', 'b3'];
    server.pages[3] = ['d2'];
    server.log.length = 0;
    const events: string[] = [];
    const second = await pass(server, storedFrom(first), events);

    // Each page after the first is asked before the page before it is read.
    expect(events).toEqual(['ask 1', 'ask 2', 'read 1', 'ask 3', 'read 2', 'ask 4', 'read 3', 'read 4']);
    expect(server.log).toEqual(['GET 1', 'GET 2', 'GET 3', 'GET 4']);
    expect(server.maxInFlight).toBe(1);
    expect(idsOf(second)).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'c2', 'd2']);
    expect(second.entries.map((entry) => entry.kind)).toEqual([
      'kept',
      'kept',
      'raw',
      'raw',
      'raw',
      'kept',
      'kept',
      'raw',
    ]);
    // The same as a pass with nothing stored, which asks one page after another.
    const fresh: string[] = [];
    expect(idsOf(await pass(server, [], fresh))).toEqual(idsOf(second));
    expect(fresh).toEqual(['ask 1', 'read 1', 'ask 2', 'read 2', 'ask 3', 'read 3', 'ask 4', 'read 4']);
  });

  it('drops a read-ahead the chain no longer reaches and reads the pages as they are now', async () => {
    const server = await startListServer(fourPages());
    servers.push(server);
    const stored = storedFrom(await pass(server, []));
    // The list shrank to two pages: page 2 now ends the list, and the stored page 3 would answer 500.
    server.pages.splice(2);
    server.pages[1] = ['b1'];
    server.failing.add(3);
    const events: string[] = [];
    const result = await pass(server, stored, events);
    expect(idsOf(result)).toEqual(['a1', 'a2', 'b1']);
    expect(result.pages.map((page) => page.next)).toEqual([`${server.baseUrl}/model-portfolios?page=2`, null]);
    // Page 3 was asked ahead (the stored chain went on) and dropped unread: neither it nor its failure counts.
    expect(events).toEqual(['ask 1', 'ask 2', 'read 1', 'ask 3', 'read 2']);
  });

  it('fails with the error of a read-ahead page that is on the chain', async () => {
    const server = await startListServer(fourPages());
    servers.push(server);
    const stored = storedFrom(await pass(server, []));
    server.failing.add(3);
    await expect(pass(server, stored)).rejects.toMatchObject({ code: 'SERVER_ERROR' });
  });

  it('stops a read-ahead in flight when the sync is cancelled', async () => {
    const server = await startListServer(fourPages(), 40);
    servers.push(server);
    const stored = storedFrom(await pass(server, []));
    server.log.length = 0;
    const controller = new AbortController();
    const events: string[] = [];
    const running = pass(server, stored, events, controller.signal);
    // Cancel while page 2 (asked ahead) is with the server.
    await expect.poll(() => server.log.length).toBe(2);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'SYNC_CANCELLED' });
    expect(events).toEqual(['ask 1', 'ask 2', 'read 1']);
    // Nothing more is asked after the cancel.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.log).toEqual(['GET 1', 'GET 2']);
  });
});
