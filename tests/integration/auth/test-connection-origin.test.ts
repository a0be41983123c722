import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionTestReport } from '../../../common/connection-test';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

describe('Test connection applies the same origin rule as sync', () => {
  it('a list redirected to another origin (which answers a valid list) fails both, in the same words', async () => {
    sandbox = await startSandbox({ portfolios: 4, faults: true });
    app = await startTestApp();
    const profileId = await app.connect(sandbox);

    sandbox.faults.enqueue('list', { kind: 'redirect', status: 302, target: 'foreign' });
    const tested = await app.dispatch('auth:testConnection', { profileId });
    expect(tested.ok).toBe(true);
    const report = (tested as { value: ConnectionTestReport }).value;
    expect(report.ok).toBe(false);
    const api = report.steps.find((step) => step.id === 'api')!;
    expect(api.status).toBe('failed');

    sandbox.faults.enqueue('list', { kind: 'redirect', status: 302, target: 'foreign' });
    const synced = await app.dispatch('sync:now', undefined);
    expect(synced).toMatchObject({ ok: false, error: { code: 'REDIRECT_REFUSED' } });
    expect(api.detail).toBe((synced as { error: { message: string } }).error.message);
    // The other origin did answer with a list: it was the origin, not the shape, that was refused.
    expect(sandbox.foreign.requests.filter((request) => request.url.endsWith('/model-portfolios'))).toHaveLength(2);
  });
});
