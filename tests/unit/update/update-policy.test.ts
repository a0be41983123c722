import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/logging/logger';
import { Redactor } from '../../../main/logging/redactor';
import { ActivityTracker } from '../../../main/update/activity-tracker';
import { createUpdateService } from '../../../main/update/create-update-service';
import { policyFilePath, readUpdatePolicy } from '../../../main/update/update-policy';
import { ScriptedUpdater } from './scripted-updater';

let dir: string;
let file: string;
let lines: string[];
const logger = createLogger(new Redactor(), (level, line) => lines.push(`${level} ${line}`));

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mp-policy-'));
  file = path.join(dir, 'policy.json');
  lines = [];
});

afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const warnings = () => lines.filter((line) => line.startsWith('warn '));

describe('the policy file', () => {
  it.each(['auto', 'ask', 'off'] as const)('forces "%s"', async (mode) => {
    await writeFile(file, JSON.stringify({ updates: mode }));
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: mode });
    expect(warnings()).toEqual([]);
  });

  it('means no policy when it does not exist, without a warning', async () => {
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: null });
    expect(lines).toEqual([]);
  });

  it('accepts the byte-order mark Windows Notepad writes, and keys it does not know', async () => {
    await writeFile(file, `\uFEFF${JSON.stringify({ updates: 'off', proxy: 'system' })}`);
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: 'off' });
  });

  it('decides nothing when it says nothing about updates', async () => {
    await writeFile(file, '{}');
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: null });
    expect(warnings()).toEqual([]);
  });

  it.each([
    ['is not JSON', '{ updates: off }', 'not valid JSON'],
    ['is cut short', '{"updates": "of', 'not valid JSON'],
    ['names an unknown mode', '{"updates": "weekly"}', 'does not match'],
    ['has the wrong type', '{"updates": false}', 'does not match'],
    ['is an array', '["off"]', 'does not match'],
  ])('is ignored with a logged warning when it %s', async (_label, text, words) => {
    await writeFile(file, text);
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: null });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(words);
    expect(warnings()[0]).toContain(file);
  });

  it('is ignored with a logged warning when it cannot be read', async () => {
    await mkdir(file); // a folder where the file should be: EISDIR
    expect(await readUpdatePolicy(file, logger)).toEqual({ updates: null });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('could not be read');
  });

  it('never keeps the app from starting: a malformed file leaves updates to the user', async () => {
    await writeFile(file, 'not json at all');
    const service = await createUpdateService({
      updater: new ScriptedUpdater(),
      userDataDir: dir,
      policyFile: file,
      busy: new ActivityTracker(),
      logger,
      currentVersion: '0.1.0',
    });
    expect(service.state()).toMatchObject({ mode: 'auto', managed: false, canCheck: true });
    await expect(service.setMode('ask')).resolves.toMatchObject({ mode: 'ask' });
    await service.dispose();
    expect(warnings().some((line) => line.includes('not valid JSON'))).toBe(true);
  });
});

describe('where the policy file lives', () => {
  it('is in a machine-wide folder on each OS', () => {
    expect(policyFilePath('linux')).toBe('/etc/model-portfolios/policy.json');
    expect(policyFilePath('darwin')).toBe('/Library/Application Support/Model Portfolios/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Model Portfolios\\policy.json',
    );
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\Model Portfolios\\policy.json');
  });
});
