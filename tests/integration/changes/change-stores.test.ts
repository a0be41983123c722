import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultChangeSettings } from '../../../common/change-views';
import { AppError } from '../../../common/result';
import { ChangeSettingsStore } from '../../../main/changes/change-settings-store';
import { SeenMarksStore } from '../../../main/changes/seen-marks-store';
import { makeReadOnly } from '../cache/fixtures/read-only-folder';
import { Capture } from '../support/auth-fixture';

// The two small files of model changes, on a real disk: seen marks per profile, and the change settings.

let dir: string;
let capture: Capture;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'change-stores-'));
  capture = new Capture();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('seen marks', () => {
  it('keep each profile’s marks across instances, in a private file, and drop marks of portfolios no longer changed', async () => {
    const store = new SeenMarksStore(dir, capture.logger);
    const keep = new Set(['mp-1', 'mp-2', '__proto__']);
    const marks = new Map([
      ['mp-1', '2025-07-01T00:00:00.000Z'],
      ['__proto__', '2025-07-02T00:00:00.000Z'],
    ]);
    expect(await store.mark('p-1', marks, keep)).toBe(2);
    expect(await store.mark('p-1', marks, keep)).toBe(0);
    expect(await store.mark('p-2', new Map([['mp-9', '2025-07-03T00:00:00.000Z']]), new Set(['mp-9']))).toBe(1);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);

    const again = new SeenMarksStore(dir, capture.logger);
    expect([...(await again.marks('p-1'))]).toEqual([...marks]);
    expect(Object.getPrototypeOf(await again.marks('p-1'))).toBe(Map.prototype);
    // mp-1 is no longer changed: its mark goes with the next mark of the profile.
    expect(
      await again.mark('p-1', new Map([['mp-2', '2025-07-04T00:00:00.000Z']]), new Set(['mp-2', '__proto__'])),
    ).toBe(1);
    expect([...(await again.marks('p-1'))].map(([id]) => id).sort()).toEqual(['__proto__', 'mp-2']);

    await again.forget('p-1');
    const third = new SeenMarksStore(dir, capture.logger);
    expect((await third.marks('p-1')).size).toBe(0);
    expect((await third.marks('p-2')).size).toBe(1);
  });

  it('start afresh from a damaged file, with a warning', async () => {
    const store = new SeenMarksStore(dir, capture.logger);
    await writeFile(store.file, '{"version":1,"profiles":[{"profileId":"p-1","marks":{"mp-1":"x"}}]}');
    expect((await store.marks('p-1')).size).toBe(0);
    expect(capture.lines.join('\n')).toMatch(/seen marks file was damaged/);
    expect(await store.mark('p-1', new Map([['mp-1', '2025-07-01T00:00:00.000Z']]), new Set(['mp-1']))).toBe(1);
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toEqual({
      version: 1,
      profiles: [{ profileId: 'p-1', marks: [['mp-1', '2025-07-01T00:00:00.000Z']] }],
    });
  });
});

describe('change settings', () => {
  it('default to one basis point with notifications on, and keep what is saved', async () => {
    const store = new ChangeSettingsStore(dir, capture.logger);
    expect(await store.load()).toEqual(defaultChangeSettings);
    expect(await store.save({ tolerancePp: 0.25 })).toEqual({ tolerancePp: 0.25, notify: true });
    expect(await store.save({ notify: false })).toEqual({ tolerancePp: 0.25, notify: false });
    expect(await new ChangeSettingsStore(dir, capture.logger).load()).toEqual({ tolerancePp: 0.25, notify: false });
  });

  it('use the defaults when the file is damaged, with a warning', async () => {
    const store = new ChangeSettingsStore(dir, capture.logger);
    await writeFile(store.file, '{"version":1,"settings":{"tolerancePp":-3,"notify":true}}');
    expect(await store.load()).toEqual(defaultChangeSettings);
    expect(capture.lines.join('\n')).toMatch(/model-change settings file was damaged/);
  });

  it('keep the old settings in force when the new ones cannot be written, and say so in words', async () => {
    const store = new ChangeSettingsStore(dir, capture.logger);
    await store.save({ tolerancePp: 0.1 });
    const undo = await makeReadOnly(dir);
    try {
      const error = await store.save({ tolerancePp: 1 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'PREFERENCES_WRITE_FAILED',
        message: expect.stringMatching(/permission denied/),
      });
    } finally {
      await undo();
    }
    expect(await store.load()).toEqual({ tolerancePp: 0.1, notify: true });
  });
});
