import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

describe('a failed read of the settings file', () => {
  it('is a coded, retryable error, and the next call reads again (it is not kept for the session)', async () => {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-settings-'));
    // Something other than a readable file in the way: as an antivirus holding it would, the read fails.
    const settingsPath = path.join(userDataDir, 'settings.json');
    await mkdir(settingsPath);
    app = await startTestApp({ userDataDir });

    const first = await app.dispatch('profiles:list', undefined);
    expect(first).toMatchObject({ ok: false, error: { code: 'SETTINGS_UNREADABLE', retryable: true } });
    expect(app.capture.lines.some((line) => line.includes('could not read the settings file'))).toBe(true);

    await rm(settingsPath, { recursive: true });
    const second = await app.dispatch('profiles:list', undefined);
    expect(second).toMatchObject({ ok: true, value: { profiles: [], activeProfileId: null } });
  });
});
