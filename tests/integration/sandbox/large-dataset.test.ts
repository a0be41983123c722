import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { apiGet, getToken } from './helpers';

// Memory, not time: the heap is measured after a forced collection, so what counts is what stays reachable
// (a server that built the whole 100,000-portfolio set, ~365 MB of JSON, would keep far more than the bound).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
/** Allowed growth of the live heap while 100,000 portfolios go by (both server and client run in this process). */
const heapBound = 64 * 1024 * 1024;

describe('100,000 portfolios', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it(
    'are served page by page, holdings included, with the live heap staying bounded',
    { timeout: 300_000 },
    async () => {
      sandbox = await startSandbox({ portfolios: 100_000, pageSize: 1_000, seed: 9 });
      const token = await getToken(sandbox);
      const baseline = heapAfterGc();
      let peak = 0;
      let count = 0;
      let holdings = 0;
      let expected = 1;
      let url: string | null = '/model-portfolios';
      let pages = 0;
      while (url) {
        const page = (await (await apiGet(sandbox, url, token)).json()) as {
          data: Array<{ id: string; holdings: unknown[] }>;
          next: string | null;
          total: number;
        };
        expect(page.total).toBe(100_000);
        for (const item of page.data) {
          expect(item.id).toBe(`mp-${String(expected++).padStart(6, '0')}`);
          holdings += item.holdings.length;
        }
        count += page.data.length;
        url = page.next;
        if (++pages % 10 === 0) peak = Math.max(peak, heapAfterGc() - baseline);
      }
      peak = Math.max(peak, heapAfterGc() - baseline);
      expect(count).toBe(100_000);
      expect(pages).toBe(100);
      expect(holdings).toBeGreaterThan(100_000 * 5);
      expect(sandbox.counters.requests.list).toBe(100);
      expect(sandbox.counters.bytesSent).toBeGreaterThan(100 * 1024 * 1024);
      expect(peak).toBeLessThan(heapBound);
    },
  );

  it(
    'are streamed as one bare array (pagination none), holdings included, with the live heap staying bounded',
    { timeout: 300_000 },
    async () => {
      sandbox = await startSandbox({ portfolios: 100_000, pagination: 'none', seed: 9 });
      const token = await getToken(sandbox);
      const baseline = heapAfterGc();
      const response = await apiGet(sandbox, '/model-portfolios', token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBeNull();
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      const decoder = new TextDecoder();
      let ids = 0;
      let bytes = 0;
      let tail = '';
      let first = '';
      let last = '';
      let chunks = 0;
      let peak = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        const text = tail + decoder.decode(value, { stream: true });
        if (!first) first = text.slice(0, 1);
        ids += text.match(/"id":"mp-\d{6}"/g)?.length ?? 0;
        // Keep a short tail so an id split across chunks is counted once, in the next round.
        const cut = Math.max(0, text.length - 20);
        tail = text.slice(cut);
        ids -= tail.match(/"id":"mp-\d{6}"/g)?.length ?? 0;
        last = text.slice(-2);
        if (++chunks % 200 === 0) peak = Math.max(peak, heapAfterGc() - baseline);
      }
      peak = Math.max(peak, heapAfterGc() - baseline);
      expect(first).toBe('[');
      expect(last.endsWith(']')).toBe(true);
      expect(ids).toBe(100_000);
      expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
      expect(peak).toBeLessThan(heapBound);
    },
  );
});
