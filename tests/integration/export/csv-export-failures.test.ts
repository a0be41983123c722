import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import type { Portfolio } from '../../../common/portfolio';
import { exportHoldingsCsv, exportPortfolioListCsv } from '../../../main/export/csv-export';
import { trickyPortfolios } from './export-fixtures';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'csv-failures-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function expectPlainMessage(error: AppError, folder: string): void {
  expect(error.message).toMatch(/^The CSV file could not be written \(.+\)\. .+ export again\.$/);
  expect(error.message).not.toContain(folder);
  expect(error.message).not.toMatch(/\n\s+at /);
}

/** A source that yields some portfolios, then fails as a broken upstream would. */
async function* failingAfter(count: number, error: unknown): AsyncGenerator<Portfolio> {
  const portfolios = trickyPortfolios();
  for (let i = 0; i < count; i += 1) yield portfolios[i % portfolios.length]!;
  throw error;
}

describe('a failing CSV export', () => {
  it('into a folder that does not exist: EXPORT_FAILED, nothing written', async () => {
    const folder = path.join(root, 'missing');
    const error = await caught(exportPortfolioListCsv(trickyPortfolios(), path.join(folder, 'out.csv')));
    expect(error.code).toBe('EXPORT_FAILED');
    expectPlainMessage(error, folder);
    expect(error.message).toContain('Choose an existing folder');
    expect(await readdir(root)).not.toContain('missing');
  });

  it('onto a path that is a folder: EXPORT_FAILED, the folder untouched, no temp file left', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const target = path.join(folder, 'report.csv');
    await mkdir(target);
    await writeFile(path.join(target, 'inside.txt'), 'keep');
    const error = await caught(exportHoldingsCsv(trickyPortfolios(), target));
    expect(error.code).toBe('EXPORT_FAILED');
    expectPlainMessage(error, folder);
    expect(await readdir(folder)).toEqual(['report.csv']);
    expect(await readFile(path.join(target, 'inside.txt'), 'utf8')).toBe('keep');
  });

  it('when the source breaks half-way: EXPORT_FAILED, no file at the target, no temp file', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const target = path.join(folder, 'holdings.csv');
    const error = await caught(exportHoldingsCsv(failingAfter(5000, new Error('socket hang up')), target));
    expect(error.code).toBe('EXPORT_FAILED');
    expect(error.message).not.toContain('socket hang up');
    expect(await readdir(folder)).toEqual([]);
  });

  it('keeps an existing file at the target byte-identical when the export fails', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const target = path.join(folder, 'holdings.csv');
    await writeFile(target, 'the previous export\r\n');
    await caught(exportHoldingsCsv(failingAfter(3000, new Error('boom')), target));
    expect(await readFile(target, 'utf8')).toBe('the previous export\r\n');
    expect(await readdir(folder)).toEqual(['holdings.csv']);
  });

  it('passes a coded error from the source through unchanged', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const error = await caught(
      exportPortfolioListCsv(failingAfter(2, new AppError('CACHE_UNREADABLE')), path.join(folder, 'x.csv')),
    );
    expect(error.code).toBe('CACHE_UNREADABLE');
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops on cancel with EXPORT_CANCELLED and leaves nothing behind', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<Portfolio> {
      const portfolios = trickyPortfolios();
      for (let i = 0; ; i += 1) {
        if (i === 2000) controller.abort();
        yield portfolios[i % portfolios.length]!;
      }
    }
    const error = await caught(exportHoldingsCsv(endless(), path.join(folder, 'x.csv'), { signal: controller.signal }));
    expect(error.code).toBe('EXPORT_CANCELLED');
    expect(await readdir(folder)).toEqual([]);
  });

  it('replaces an existing file when the export succeeds', async () => {
    const folder = await mkdtemp(path.join(root, 'dir-'));
    const target = path.join(folder, 'list.csv');
    await writeFile(target, 'old');
    const result = await exportPortfolioListCsv(trickyPortfolios(), target);
    expect((await readFile(target)).length).toBe(result.bytes);
    expect(await readdir(folder)).toEqual(['list.csv']);
  });
});
