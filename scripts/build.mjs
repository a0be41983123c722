// Builds the app into out/: main and preload bundled by esbuild, the renderer by Vite.
import { rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
await rm('out', { recursive: true, force: true });

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  // Main: Node + Electron. Native keytar and Electron itself stay outside the bundle.
  esbuild({
    ...shared,
    entryPoints: ['main/index.ts'],
    outfile: 'out/main/index.cjs',
    external: ['electron', 'keytar'],
  }),
  // Preload: runs sandboxed, where require() knows only 'electron' and a few builtins, so all else is bundled.
  esbuild({
    ...shared,
    entryPoints: ['preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    external: ['electron'],
    minify: true,
  }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`built out/ (main, preload, renderer) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
