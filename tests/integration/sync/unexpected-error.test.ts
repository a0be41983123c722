import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { systemClock } from '../../../main/clock';
import { nodeAtomicWriteIo } from '../../../main/fs/atomic-file';
import { PortfolioService } from '../../../main/portfolios/portfolio-service';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { settle } from '../support/auth-fixture';

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

describe('a bug inside a sync', () => {
  it('is logged with its stack and kept as the cause; the user gets INTERNAL only', async () => {
    sandbox = await startSandbox({ portfolios: 3 });
    app = await startTestApp();
    await app.connect(sandbox);
    const service = new PortfolioService({
      profiles: app.services.profiles,
      secrets: app.services.secrets,
      clock: systemClock,
      events: { emit() {} },
      userDataDir: app.userDataDir,
      fileIo: nodeAtomicWriteIo,
      logger: app.capture.logger,
      autoSync: { intervalMs: 0 },
      // A programming error in a step of the sync (here the pre-sync hook) stands in for any bug.
      beforeSync: () => Promise.reject(new TypeError('cannot read properties of undefined (reading "holdings")')),
    });
    try {
      const outcome = await settle(service.syncNow());
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect((error as AppError).message).not.toContain('holdings');
      expect((error as AppError).cause).toBeInstanceOf(TypeError);
      expect(service.connection.state).toMatchObject({ status: 'error', error: { code: 'INTERNAL' } });
      const logged = app.capture.lines.find((line) => line.includes('TypeError'));
      expect(logged).toBeDefined();
      expect(logged).toContain('reading \\"holdings\\"');
      expect(logged).toMatch(/"stack":"TypeError: .*\\n\s+at /);
    } finally {
      service.dispose();
    }
  });
});
