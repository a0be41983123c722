// Runs every bench/*.bench.ts (or those named on the command line) one after another under tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const run = spawnSync('tsx', ['--expose-gc', `bench/${file}`], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed; figures in bench/results/`);
process.exit(failed ? 1 : 0);
