import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, searchForWorkspaceRoot, type Plugin } from 'vite';
import { contentSecurityPolicy } from './common/csp.ts';

/** The dev server's port (`npm run dev`, `npm run dev:harness`); its HMR socket is on the same port. */
export const devServerPort = Number(process.env.MP_DEV_PORT ?? 5173);

/**
 * The CSP while developing: the app's own policy, plus a per-run nonce for the few inline tags Vite
 * and React Refresh inject (Vite puts it on each, and on the styles it adds at run time), and the
 * HMR socket on 127.0.0.1. Nothing else is opened: no 'unsafe-inline', no 'unsafe-eval', no remote origin.
 */
export function devContentSecurityPolicy(nonce: string, port: number): string {
  return contentSecurityPolicy
    .split('; ')
    .map((directive) => {
      if (directive.startsWith('script-src ') || directive.startsWith('style-src '))
        return `${directive} 'nonce-${nonce}'`;
      if (directive.startsWith('connect-src ')) return `${directive} ws://127.0.0.1:${port}`;
      return directive;
    })
    .join('; ');
}

/** Puts the CSP into index.html's meta tag (frame-ancestors only works as a header). */
function cspMeta(policy: string): Plugin {
  const meta = policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return { name: 'app-csp-meta', transformIndexHtml: (html) => html.replace('%APP_CSP%', meta) };
}

export default defineConfig(({ command }) => {
  if (command === 'build') {
    return {
      root: 'renderer',
      base: './',
      plugins: [react(), cspMeta(contentSecurityPolicy)],
      build: {
        outDir: '../out/renderer',
        emptyOutDir: true,
        target: 'chrome130',
        sourcemap: false,
        // MP_PROFILE_BUILD=1 keeps names readable for CPU profiles (bench/ui-browser.bench.ts UI_BENCH_PROFILE).
        minify: process.env.MP_PROFILE_BUILD !== '1',
        modulePreload: { polyfill: false },
      },
    };
  }
  // The dev server (HMR): main, or the Chromium harness, serves its files on the app's own origin
  // and passes this header on, so the sender check and the CSP hold in development too.
  const nonce = randomBytes(18).toString('base64');
  const policy = devContentSecurityPolicy(nonce, devServerPort);
  const nodeModules = path.resolve('node_modules');
  return {
    root: 'renderer',
    base: '/',
    cacheDir: path.resolve('.cache/vite'),
    plugins: [react(), cspMeta(policy)],
    html: { cspNonce: nonce },
    server: {
      host: '127.0.0.1',
      port: devServerPort,
      strictPort: true,
      headers: { 'content-security-policy': policy },
      ws: { host: '127.0.0.1', port: devServerPort, clientPort: devServerPort, protocol: 'ws' },
      fs: { allow: [searchForWorkspaceRoot(process.cwd()), realpathSync(nodeModules)] },
    },
  };
});
