import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { defaultUpdateSettings, UpdateSettingsStore } from '../../../main/update/update-settings-store';

let dir: string;
let lines: string[];
let store: UpdateSettingsStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mp-update-settings-'));
  lines = [];
  store = new UpdateSettingsStore(
    dir,
    createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`)),
  );
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the update settings file', () => {
  it('starts a new install with updates on and no check yet', async () => {
    expect(await store.load()).toEqual({ mode: 'auto', lastCheckedAt: null });
    expect(lines).toEqual([]);
  });

  it('keeps the mode and the last check time', async () => {
    await store.save({ mode: 'off', lastCheckedAt: '2026-03-02T09:00:00.000Z' });
    expect(await store.load()).toEqual({ mode: 'off', lastCheckedAt: '2026-03-02T09:00:00.000Z' });
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toMatchObject({ version: 1, mode: 'off' });
    // Written atomically: no temp file left beside it; readable by the user only.
    expect(await readdir(dir)).toEqual(['update-settings.json']);
    if (process.platform !== 'win32') expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', '{mode: off'],
    ['an unknown mode', '{"version":1,"mode":"weekly","lastCheckedAt":null}'],
    ['a time that is not a time', '{"version":1,"mode":"ask","lastCheckedAt":"yesterday"}'],
  ])('falls back to the defaults with a warning when it holds %s', async (_label, text) => {
    await writeFile(store.file, text);
    expect(await store.load()).toEqual(defaultUpdateSettings);
    expect(lines.filter((line) => line.startsWith('warn '))).toHaveLength(1);
  });
});
