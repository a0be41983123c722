// The esbuild bundles of main and preload: one definition for the build (scripts/build.mjs can use
// it) and the dev loop (scripts/dev.mjs).
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Main: Node + Electron. Native keytar and Electron itself stay outside the bundle. */
export const mainBundle = {
  ...shared,
  entryPoints: ['main/index.ts'],
  outfile: 'out/main/index.cjs',
  external: ['electron', 'keytar'],
};

/** Preload: runs sandboxed, where require() knows only 'electron' and a few builtins, so all else is bundled. */
export const preloadBundle = {
  ...shared,
  entryPoints: ['preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  external: ['electron'],
  minify: true,
};
