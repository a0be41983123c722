// `npm run dev`: the app with a watch loop, where the Electron binary is installed.
//  - esbuild watches main and preload (the build's own bundles) and rebuilds them into out/;
//  - Vite's dev server serves the renderer with hot reload on http://127.0.0.1:5173 (MP_DEV_PORT),
//    under the app's CSP plus a per-run nonce and the HMR socket (vite.config.ts);
//  - Electron runs with MP_RENDERER_DEV_URL pointing at it, and restarts whenever main or preload is
//    rebuilt; a renderer change needs no restart. Quitting the app, or Ctrl+C, ends the loop.
// Without the Electron binary, use `npm run dev:harness` (the same renderer in Chromium).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { context } from 'esbuild';
import { createServer } from 'vite';
import { mainBundle, preloadBundle } from './bundles.mjs';

process.chdir(path.resolve(import.meta.dirname, '..'));

function electronBinary() {
  // Another Electron build (or a stand-in) may be named explicitly.
  if (process.env.MP_DEV_ELECTRON) return path.resolve(process.env.MP_DEV_ELECTRON);
  const pathFile = 'node_modules/electron/path.txt';
  if (!existsSync(pathFile)) return null;
  const binary = path.resolve('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.error('dev: the Electron binary is not installed (node node_modules/electron/install.js fetches it).');
  console.error('dev: for the renderer with hot reload in Chromium instead, run: npm run dev:harness');
  process.exit(1);
}

const port = Number(process.env.MP_DEV_PORT ?? 5173);
const vite = await createServer({ configFile: 'vite.config.ts', logLevel: 'info' });
await vite.listen();
const rendererUrl = `http://127.0.0.1:${port}`;
console.log(`dev: renderer on ${rendererUrl} (hot reload)`);

let app = null;
let stopping = false;
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

function startApp() {
  const command = needsXvfb ? 'xvfb-run' : binary;
  const args = needsXvfb ? ['-a', binary, '.'] : ['.'];
  // Its own process group, so a restart stops Electron and its helpers (and xvfb-run) together.
  const child = spawn(command, args, {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, MP_RENDERER_DEV_URL: rendererUrl, NODE_ENV: 'development' },
  });
  child.on('exit', (code) => {
    if (app !== child) return; // replaced by a restart
    app = null;
    console.log(`dev: the app quit (${code ?? 'signal'}); stopping.`);
    void stop(code ?? 0);
  });
  app = child;
}

function stopApp() {
  const child = app;
  app = null;
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

// Both bundles must be built once before the first start; afterwards each rebuild restarts the app.
const built = new Set();
let restartTimer;
function onRebuilt(name, errors) {
  if (errors.length > 0) {
    console.error(`dev: ${name} has errors; the app keeps running the last good build.`);
    return;
  }
  built.add(name);
  if (built.size < 2 || stopping) return;
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    console.log(app ? `dev: ${name} rebuilt; restarting the app` : 'dev: starting the app');
    stopApp();
    startApp();
  }, 150);
}

const watcher = (name) => ({
  name: `restart-on-${name}`,
  setup(build) {
    build.onEnd((result) => onRebuilt(name, result.errors));
  },
});
const contexts = await Promise.all([
  context({ ...mainBundle, plugins: [watcher('main')] }),
  context({ ...preloadBundle, plugins: [watcher('preload')] }),
]);
await Promise.all(contexts.map((ctx) => ctx.watch()));

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  stopApp();
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  await vite.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
