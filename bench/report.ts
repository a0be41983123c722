import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Prints a benchmark's figures and writes them to bench/results/<name>.json with the machine they came from. */
export async function writeBenchResult(name: string, figures: Record<string, unknown>): Promise<string> {
  const record = {
    name,
    measuredAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: process.platform,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      // 1, 5 and 15 minute load averages when the figures were written: other work on the machine skews timings.
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    figures,
  };
  const dir = path.resolve(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(figures, null, 2)}`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
  return file;
}
