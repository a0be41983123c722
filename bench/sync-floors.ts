// The floors the sync bench measures its syncs against, in the same rounds: what any client must spend for the same
// answers. Every page and detail fetched and JSON.parse'd (bare fetch); every page and detail asked with
// If-None-Match, all 304s, sent with `fetch` and with a bare `got` stream (got is the app's HTTP stack, so the second
// is the floor of the app's own network path; the first is what leaving got would buy).
import got from 'got';

/** What the floors send with every request: the versioned Accept header and a bearer token. */
export type FloorHeaders = Record<string, string>;

/** Requests the sync runs at once for details (as `detailConcurrency`'s default). */
const inFlight = 8;

/** Runs `work` over the items, `inFlight` at a time. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/**
 * Every page (following `next`) and, when the list has no holdings, every detail (8 in flight), fetched and
 * JSON.parse'd unconditionally, nothing checked or stored. Returns the time and the ETag each URL answered with.
 */
export async function bareFetch(
  baseUrl: string,
  headers: FloorHeaders,
  withDetails: boolean,
): Promise<{ ms: number; portfolios: number; etags: Map<string, string> }> {
  globalThis.gc?.();
  const etags = new Map<string, string>();
  const began = performance.now();
  const ids: string[] = [];
  let url: string | null = `${baseUrl}/model-portfolios`;
  while (url) {
    const response = await fetch(url, { headers });
    etags.set(url, response.headers.get('etag') ?? '');
    const body = (await response.json()) as { data: Array<{ id: string }>; next: string | null };
    for (const item of body.data) ids.push(item.id);
    url = body.next;
  }
  if (withDetails)
    await eachLimited(ids, async (id) => {
      const detail = `${baseUrl}/model-portfolios/${encodeURIComponent(id)}`;
      const response = await fetch(detail, { headers });
      etags.set(detail, response.headers.get('etag') ?? '');
      await response.json();
    });
  return { ms: performance.now() - began, portfolios: ids.length, etags };
}

/** Sends one conditional GET and reads its (empty) body; resolves to the status. */
type ConditionalGet = (url: string, headers: FloorHeaders) => Promise<number>;

const withFetch: ConditionalGet = async (url, headers) => {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return response.status;
};

// got as the app sets it up once (no redirects followed, no retries, statuses handed back), nothing per request
// but the URL and the headers: no timeout, no abort signal, no route.
const bareGot = got.extend({ followRedirect: false, throwHttpErrors: false, retry: { limit: 0 }, decompress: true });

const withGot: ConditionalGet = (url, headers) =>
  new Promise((resolve, reject) => {
    const stream = bareGot.stream(url, { headers });
    stream.once('error', reject);
    stream.once('response', (response: { statusCode: number }) => {
      // Drained, not awaited, as the app does with a 304: the connection goes back to the pool when the body ends.
      stream.resume();
      resolve(response.statusCode);
    });
  });

/**
 * Every URL the bare fetch saw, asked with If-None-Match and its ETag: the list pages one after another (each names
 * the next), then the details 8 in flight, as the sync does. Every answer must be a 304.
 */
async function conditionalFloor(
  send: ConditionalGet,
  etags: ReadonlyMap<string, string>,
  headers: FloorHeaders,
): Promise<number> {
  globalThis.gc?.();
  const urls = [...etags.keys()];
  const isDetail = (url: string) => url.includes('/model-portfolios/');
  let notModified = 0;
  const ask = async (url: string) => {
    if ((await send(url, { ...headers, 'if-none-match': etags.get(url)! })) === 304) notModified += 1;
  };
  const began = performance.now();
  for (const page of urls.filter((url) => !isDetail(url))) await ask(page);
  await eachLimited(urls.filter(isDetail), ask);
  const ms = performance.now() - began;
  if (notModified !== etags.size) throw new Error(`a conditional floor got ${notModified} 304s of ${etags.size}`);
  return ms;
}

/**
 * Both conditional floors, one after the other (fetch first, or got first: alternate it between rounds so neither
 * always runs on a warmer or a colder machine): with `fetch` (undici), what an unchanged sync could cost outside
 * got, and with a bare `got` stream, what it costs at least on the app's HTTP stack.
 */
export async function conditionalFloors(
  etags: ReadonlyMap<string, string>,
  headers: FloorHeaders,
  fetchFirst: boolean,
): Promise<{ fetchMs: number; gotMs: number }> {
  if (fetchFirst) {
    const fetchMs = await conditionalFloor(withFetch, etags, headers);
    return { fetchMs, gotMs: await conditionalFloor(withGot, etags, headers) };
  }
  const gotMs = await conditionalFloor(withGot, etags, headers);
  return { gotMs, fetchMs: await conditionalFloor(withFetch, etags, headers) };
}

/** One round's floors: the bare fetch and both conditional floors, in ms. */
export interface FloorRound {
  bareMs: number;
  fetchMs: number;
  gotMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** The floors of every round against the round's full sync (and the unchanged sync against the conditional ones). */
export function floorFigures(
  rounds: ReadonlyArray<{ full: { ms: number }; unchanged: { ms: number }; floors: FloorRound }>,
) {
  const figures = (pick: (floors: FloorRound) => number) => ({
    msRuns: rounds.map((r) => round(pick(r.floors))),
    timeVsFull: round(median(rounds.map((r) => pick(r.floors) / r.full.ms)), 3),
    unchangedSyncVsIt: round(median(rounds.map((r) => r.unchanged.ms / pick(r.floors))), 2),
  });
  const { unchangedSyncVsIt: _notOne, ...bare } = figures((f) => f.bareMs);
  return {
    // Everything fetched and parsed, nothing else: what a sync in which every page changed cannot go below.
    bareFetchAndParse: bare,
    // Every page and detail asked with If-None-Match, every answer a 304 (fetch): below it, only leaving HTTP.
    bareConditionalFetch: figures((f) => f.fetchMs),
    // The same with a bare got stream (the app's HTTP stack): what an unchanged sync cannot go below on got.
    gotConditionalFetch: figures((f) => f.gotMs),
  };
}
