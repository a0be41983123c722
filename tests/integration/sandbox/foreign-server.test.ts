import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { maxRecordedRequests } from '../../../sandbox/foreign-server';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { rawRequest } from './helpers';

// The recording "other origin" keeps every request it gets: it must exist only for fault injection,
// never in demo mode (where any local process could grow main's heap through it), and keep a capped record.

let sandbox: Sandbox | null = null;
let app: TestApp | null = null;

afterEach(async () => {
  await sandbox?.close();
  await app?.close();
  sandbox = null;
  app = null;
});

function listeningServers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
}

describe('the foreign origin', () => {
  it('is not started without fault injection: one listening server, and no record to read', async () => {
    const before = listeningServers();
    sandbox = await startSandbox({ portfolios: 2 });
    expect(listeningServers() - before).toBe(1);
    expect(() => sandbox!.foreign).toThrow(/faults/);
  });

  it('is started with fault injection, beside the API', async () => {
    const before = listeningServers();
    sandbox = await startSandbox({ portfolios: 2, faults: true });
    expect(listeningServers() - before).toBe(2);
    expect(sandbox.foreign.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('is not running in demo mode', async () => {
    app = await startTestApp({ demoData: { portfolios: 3 } });
    expect(await app.dispatch('demo:start', undefined)).toMatchObject({ ok: true });
    const demo = app.services.demo.running!;
    expect(demo.options.faults).toBe(false);
    expect(() => demo.foreign).toThrow(/faults/);
  });

  it(`keeps only the last ${maxRecordedRequests} requests`, async () => {
    sandbox = await startSandbox({ portfolios: 2, faults: true });
    const total = maxRecordedRequests + 25;
    for (let i = 0; i < total; i += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, total - i) }, (_, j) =>
          rawRequest(`${sandbox!.foreign.baseUrl}/probe/${i + j}`),
        ),
      );
    const kept = sandbox.foreign.requests;
    expect(kept).toHaveLength(maxRecordedRequests);
    const numbers = kept.map((request) => Number(request.url.split('/').pop())).sort((a, b) => a - b);
    expect(numbers[0]).toBeGreaterThanOrEqual(total - maxRecordedRequests - 50);
    expect(numbers.at(-1)).toBe(total - 1);
  });
});
