import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How to get and run the Electron suite where the binary can be downloaded. */
export const electronHowTo =
  'run `node node_modules/electron/install.js` on a machine that can reach the Electron release host, then `npm run test:e2e -- --project electron`';

/** Finds the installed Electron binary without triggering electron's lazy download. */
export function findElectronBinary(): { found: true; path: string } | { found: false; reason: string } {
  const packageDir = path.resolve(import.meta.dirname, '../../../node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : '';
  if (candidate && existsSync(candidate)) return { found: true, path: candidate };
  return { found: false, reason: `no binary in node_modules/electron/dist; ${electronHowTo}` };
}
