import { afterAll, describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../../common/diagnostics';
import { startSandbox } from '../../../sandbox';
import { startTestApp } from '../support/app-fixture';

describe('Copy diagnostics', () => {
  it('reports versions, profile addresses, state and recent problems, with no secret or token', async () => {
    const sandbox = await startSandbox({ portfolios: 5, faults: true });
    const copied: string[] = [];
    const app = await startTestApp({ shell: { showInFolder() {}, copyText: (text) => copied.push(text) } });
    afterAll(async () => {
      await app.close();
      await sandbox.close();
    });
    await app.connect(sandbox);
    sandbox.faults.enqueue('list', { kind: 'status', status: 503 }, 10);
    await app.dispatch('sync:now', undefined);

    const result = await app.dispatch('app:copyDiagnostics', undefined);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value as DiagnosticsReport;
    expect(copied).toEqual([report.text]);
    expect(report.profiles).toEqual([
      expect.objectContaining({ baseUrl: sandbox.baseUrl, active: true, hasSecret: true }),
    ]);
    expect(report.connection).toMatchObject({ status: 'error', error: { code: 'SERVER_ERROR' } });
    expect(report.recentProblems.some((line) => line.includes('sync failed'))).toBe(true);
    expect(report.text).toContain(sandbox.baseUrl);
    const everything = JSON.stringify(report);
    for (const value of [sandbox.credentials.clientSecret, sandbox.credentials.clientId, ...sandbox.issuedTokens()]) {
      expect(everything).not.toContain(value);
    }
  });
});
