import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { getConfig as readConfigFile } from 'app-builder-lib/out/util/config/load';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUpdateConfig } from '../../support/electron-builder-updates';
import { built, ensureBuilt, listFiles, repoRoot } from './built-app';

// electron-builder's own pieces: its JSON schema, its config loader (with `extends` merging) and
// the file matchers it packs with. The matchers are internal to app-builder-lib, hence the require.
const require = createRequire(import.meta.url);
const schemePath = require.resolve('app-builder-lib/scheme.json');
type Filter = (file: string, stat: Pick<Stats, 'isDirectory'>) => boolean;
interface Matcher {
  readonly patterns: string[];
  createFilter(): Filter;
}
const fileMatcherLib = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns?: string[]) => Matcher;
  getMainFileMatchers(...args: unknown[]): Matcher[];
  getNodeModuleFileMatcher(...args: unknown[]): Matcher;
  getFileMatchers(...args: unknown[]): Matcher[] | null;
};

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  main: string;
  homepage?: string;
  author?: { email?: string };
};

const releaseFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

const noLog = { isEnabled: false, add() {} };
const identity = (pattern: string) => pattern;
const dirStat = { isDirectory: () => true };
const fileStat = { isDirectory: () => false };

async function rawConfig(file: string): Promise<Configuration> {
  const read = await readConfigFile<Configuration>(
    { packageKey: 'build', configFilename: 'electron-builder', projectDir: repoRoot, packageMetadata: null },
    file,
  );
  if (!read) throw new Error(`${file} did not load`);
  return read.result;
}

/** The config as electron-builder sees it for `--config <file>`: loaded, `extends` merged. */
function mergedConfig(file: string): Promise<Configuration> {
  return getConfig(repoRoot, file, null);
}

function fakePackager(config: Configuration) {
  return {
    info: {
      projectDir: repoRoot,
      buildResourcesDir: path.join(repoRoot, config.directories?.buildResources ?? 'build'),
      isPrepackedAppAsar: false,
      config,
      debugLogger: noLog,
    },
  };
}

/** electron-builder's filter for the app's own files (not node_modules), as its packager builds it. */
function appFileFilter(config: Configuration): Filter {
  const packager = fakePackager(config);
  const [matcher] = fileMatcherLib.getMainFileMatchers(
    repoRoot,
    '/packed/app',
    identity,
    config.linux ?? {},
    packager,
    path.join(repoRoot, config.directories?.output ?? 'dist'),
    false,
  );
  return matcher!.createFilter();
}

/** Whether the packer copies a path: every parent folder and the file itself must pass the filter. */
function packs(filter: Filter, relative: string, root = repoRoot): boolean {
  const parts = relative.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (!filter(path.join(root, ...parts.slice(0, i)), dirStat)) return false;
  }
  return filter(path.join(root, relative), fileStat);
}

/** Finds a package's folder the way Node would from a folder. */
function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return null;
  }
}

/** The production dependency closure: name → folder. */
function productionPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, from: string) => {
    const dir = packageDir(name, from);
    if (!dir || found.has(dir)) return;
    found.set(dir, name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep, dir);
  };
  for (const name of Object.keys(pkg.dependencies)) visit(name, repoRoot);
  return new Map([...found].map(([dir, name]) => [name, dir]));
}

/** The node_modules filter electron-builder applies to the dependencies it copies, for a config. */
function nodeModulesMatcher(config: Configuration): Matcher {
  return fileMatcherLib.getNodeModuleFileMatcher(
    repoRoot,
    '/packed/app',
    identity,
    config.linux ?? {},
    fakePackager(config).info,
  );
}

/**
 * Whether electron-builder copies a dependency's file: as its NodeModuleCopyHelper does, the package's
 * own matcher sees the path the file will have in the app (`node_modules/<name>/<file>`).
 */
function packsModuleFile(matcher: Matcher, dir: string, file: string): boolean {
  const filter = new fileMatcherLib.FileMatcher(dir, '/packed', identity, matcher.patterns).createFilter();
  const inApp = path.relative(repoRoot, dir).split(path.sep).join('/');
  const parts = file.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const relative = parts.slice(0, i).join('/');
    const stat = { isDirectory: () => i < parts.length, moduleFullFilePath: `${inApp}/${relative}` };
    if (!filter(path.join(dir, relative), stat)) return false;
  }
  return true;
}

/** True for a package with compiled code the OS loads (a .node file, or a node-gyp build). */
function isNative(dir: string): boolean {
  if (existsSync(path.join(dir, 'binding.gyp'))) return true;
  const files = listFiles(dir, (relative) => relative.endsWith('node_modules'));
  return files.some((file) => file.endsWith('.node'));
}

function pngSize(file: string): { width: number; height: number } | null {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  let release: Configuration;
  let testBuild: Configuration;

  beforeAll(async () => {
    release = await mergedConfig('electron-builder.yml');
    testBuild = await mergedConfig('electron-builder.test.yml');
  });

  describe("matches electron-builder's own JSON schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemePath, 'utf8')) as object);

    it.each(['electron-builder.yml', 'electron-builder.test.yml'])('%s as written', async (file) => {
      const valid = validate(await rawConfig(file));
      expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
      expect(valid).toBe(true);
    });

    it.each(['electron-builder.yml', 'electron-builder.test.yml'])(
      '%s merged as electron-builder loads it',
      async (file) => {
        const config = await mergedConfig(file);
        expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
        // And through electron-builder's own validator, the one `electron-builder` runs before packing.
        await expect(validateConfiguration(config, noLog as never)).resolves.toBeUndefined();
      },
    );

    it('rejects a config with a misspelt option (the schema is really applied)', () => {
      expect(validate({ appId: 'x', electronFuses: { runAsNod: false } })).toBe(false);
      expect(validate({ appId: 'x', asarUnpak: ['x'] })).toBe(false);
    });
  });

  describe('the app, its id and its icons', () => {
    it('has an app id and product name; the test build has its own', () => {
      expect(release.appId).toBe('com.modelportfolios.desktop');
      expect(release.productName).toBe('Model Portfolios');
      expect(testBuild.appId).toBe('com.modelportfolios.desktop.test');
      expect(testBuild.productName).not.toBe(release.productName);
      expect(testBuild.directories?.output).not.toBe(release.directories?.output);
      // Electron names the user-data folder after the packaged package.json's productName.
      expect((testBuild.extraMetadata as { productName?: string }).productName).toBe(testBuild.productName);
      expect((release.extraMetadata as { productName?: string } | undefined)?.productName).toBeUndefined();
    });

    it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows; the test build only folders', () => {
      expect(release.linux?.target).toEqual(['AppImage', 'deb']);
      expect(release.mac?.target).toEqual(['dmg', 'zip']);
      expect(release.win?.target).toBe('nsis');
      for (const platform of ['linux', 'mac', 'win'] as const) expect(testBuild[platform]?.target).toBe('dir');
    });

    it('has a 1024×1024 master icon and the Linux set, each the size its name says', () => {
      expect(pngSize(path.join(repoRoot, 'build/icon.png'))).toEqual({ width: 1024, height: 1024 });
      for (const size of [16, 32, 48, 64, 128, 256, 512]) {
        expect(pngSize(path.join(repoRoot, `build/icons/${size}x${size}.png`)), `${size}x${size}`).toEqual({
          width: size,
          height: size,
        });
      }
      expect(release.linux?.icon).toBe('build/icons');
      for (const icon of [release.mac?.icon, release.win?.icon]) {
        expect(icon).toBe('build/icon.png');
        expect(existsSync(path.join(repoRoot, icon!))).toBe(true);
      }
    });
  });

  describe('platform rules', () => {
    it('makes the deb depend on libsecret (the keychain) and keeps Electron’s own dependencies', () => {
      const depends = release.deb?.depends ?? [];
      expect(depends).toContain('libsecret-1-0');
      // Listing depends replaces electron-builder's defaults: the ones Electron needs must be there too.
      expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils']));
    });

    it('gives the deb what its target insists on: a maintainer, a homepage and an author email', () => {
      expect(release.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
      expect(pkg.homepage).toMatch(/^https:\/\//);
      expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    });

    it('signs macOS builds with the hardened runtime and a minimal entitlements file', () => {
      expect(release.mac?.hardenedRuntime).toBe(true);
      const entitlements = release.mac?.entitlements;
      expect(entitlements).toBe('build/entitlements.mac.plist');
      expect(release.mac?.entitlementsInherit).toBe(entitlements);
      const plist = readFileSync(path.join(repoRoot, entitlements!), 'utf8');
      const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
      // V8's JIT is the one thing the hardened runtime must allow; nothing that weakens it further.
      expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    });

    it('sets the release fuses', () => {
      expect(release.electronFuses).toMatchObject(releaseFuses);
    });

    it('keeps in the test build only the fuse the Playwright Electron suite needs', () => {
      expect(testBuild.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    });
  });

  describe('the update feed', () => {
    it('writes into the package a generic feed whose default is an https placeholder in electron-builder.env', async () => {
      expect(release.publish).toEqual({ provider: 'generic', url: '${env.UPDATE_FEED_URL}' });
      expect(await appUpdateConfig('electron-builder.yml')).toEqual({
        provider: 'generic',
        url: 'https://updates.modelportfolios.example/desktop/',
        updaterCacheDirName: 'model-portfolios-updater',
      });
      expect(readFileSync(path.join(repoRoot, 'electron-builder.env'), 'utf8')).toMatch(
        /^UPDATE_FEED_URL=https:\/\/updates\.modelportfolios\.example\/desktop\/$/m,
      );
    });

    it('takes the feed from UPDATE_FEED_URL at build time', async () => {
      const feed = 'https://updates.firm.example/model-portfolios/stable/';
      expect(await appUpdateConfig('electron-builder.yml', { UPDATE_FEED_URL: feed })).toMatchObject({
        provider: 'generic',
        url: feed,
      });
    });

    it('gives the test build a feed of its own on this computer, never the release feed', async () => {
      const testFeed = await appUpdateConfig('electron-builder.test.yml', {
        UPDATE_FEED_URL: 'https://updates.firm.example/stable/',
      });
      expect(testFeed).toMatchObject({ provider: 'generic' });
      expect(new URL(testFeed.url).hostname).toBe('127.0.0.1');
      expect(testFeed.url).not.toContain('firm.example');
    });

    it('builds an artifact each platform’s updater installs: AppImage and deb, a mac zip, nsis', () => {
      expect(release.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
      expect(release.mac?.target).toContain('zip');
      expect(release.win?.target).toBe('nsis');
      // Only the update files electron-updater 2.16+ reads (the app bundles electron-updater 6).
      expect(release.electronUpdaterCompatibility).toBe('>=2.16');
    });
  });

  describe('what goes into the package', () => {
    it('packs the built app and package.json, and nothing else of the repository', () => {
      const filter = appFileFilter(release);
      const repoFiles = listFiles(repoRoot, (relative) =>
        ['node_modules', '.git', 'dist', 'test-results', 'playwright-report', 'out'].includes(relative),
      );
      const packed = repoFiles.filter((file) => packs(filter, file));
      expect(packed).toEqual(['package.json']);
      for (const file of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) {
        expect(packs(filter, file), file).toBe(true);
      }
      expect(packs(filter, 'out/renderer/assets/index-abc123.js')).toBe(true);
    });

    it.each([
      'out/renderer/assets/index-abc123.js.map',
      'out/main/index.cjs.map',
      'out/tests/app.spec.ts',
      'out/main/test/helper.js',
      'out/renderer/fixtures/portfolios.json',
      'out/renderer/__fixtures__/a.json',
      'out/main/bench/cache-open.js',
      'out/docs/SECURITY.md',
      'out/scripts/build.mjs',
      'out/main/sync.test.js',
      'out/renderer/assets/app.spec.js',
      'tests/integration/sandbox/faults.test.ts',
      'tests/integration/cache/fixtures/v1-cache.json',
      'sandbox/server.ts',
      'bench/cache-open.bench.ts',
      'docs/SECURITY.md',
      'scripts/build.mjs',
      'electron-builder.yml',
      'electron-builder.env',
    ])('never packs %s', (file) => {
      expect(packs(appFileFilter(release), file)).toBe(false);
    });

    it('the test build packs the same files', () => {
      const files = ['out/main/index.cjs', 'out/renderer/index.html', 'package.json', 'out/main/index.cjs.map'];
      const releaseFilter = appFileFilter(release);
      const testFilter = appFileFilter(testBuild);
      expect(files.map((file) => packs(testFilter, file))).toEqual(files.map((file) => packs(releaseFilter, file)));
    });

    it('unpacks every native module of the dependencies from the asar, and keeps its files', () => {
      const natives = [...productionPackages()].filter(([, dir]) => isNative(dir));
      expect(natives.map(([name]) => name)).toContain('keytar');
      const unpack = fileMatcherLib
        .getFileMatchers(release, 'asarUnpack', '/packed/app', {
          macroExpander: identity,
          customBuildOptions: release.linux ?? {},
          globalOutDir: path.join(repoRoot, 'dist'),
          defaultSrc: repoRoot,
        })![0]!
        .createFilter();
      const nodeModules = nodeModulesMatcher(release);
      for (const [name, dir] of natives) {
        const files = listFiles(dir, (relative) => relative.endsWith('node_modules'));
        const binaries = files.filter((file) => file.endsWith('.node'));
        expect(binaries.length, `${name} has no built .node file`).toBeGreaterThan(0);
        for (const file of [...binaries, ...files.filter((f) => f.startsWith('lib/') && f.endsWith('.js'))]) {
          const absolute = path.join(dir, file);
          expect(packsModuleFile(nodeModules, dir, file), `${name}/${file} is dropped by files`).toBe(true);
          expect(unpack(absolute, statSync(absolute)), `${name}/${file} stays in the asar`).toBe(true);
        }
      }
    });

    it('ships keytar alone of node_modules: none of its install-time dependencies (prebuild-install, tar-fs, …)', () => {
      const production = productionPackages();
      expect(production.size, 'keytar brings its install-time dependencies along').toBeGreaterThan(10);
      expect([...production.keys()]).toEqual(expect.arrayContaining(['prebuild-install', 'tar-fs', 'node-addon-api']));
      for (const config of [release, testBuild]) {
        const matcher = nodeModulesMatcher(config);
        const shipped = [...production]
          .filter(([, dir]) =>
            listFiles(dir, (relative) => relative.endsWith('node_modules')).some((file) =>
              packsModuleFile(matcher, dir, file),
            ),
          )
          .map(([name]) => name);
        expect(shipped).toEqual(['keytar']);
        const keytar = production.get('keytar')!;
        for (const file of ['package.json', 'lib/keytar.js', 'build/Release/keytar.node'])
          expect(packsModuleFile(matcher, keytar, file), `keytar/${file}`).toBe(true);
      }
    });

    it('needs at run time only Node, Electron and the unpacked native modules (everything else is bundled)', async () => {
      await ensureBuilt();
      const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
      const natives = [...productionPackages()].filter(([, dir]) => isNative(dir)).map(([name]) => name);
      for (const bundle of [built.mainBundle, built.preloadBundle]) {
        const text = readFileSync(bundle, 'utf8');
        const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));
        const outside = [...required].filter((name) => !builtins.has(name)).sort();
        expect(
          outside.filter((name) => name !== 'electron' && !natives.includes(name)),
          bundle,
        ).toEqual([]);
        // A require() whose argument is not a string literal could load anything: none may be left.
        expect(text.match(/\brequire\(\s*[^"'\s)]/g) ?? [], bundle).toEqual([]);
      }
      expect(path.resolve(repoRoot, pkg.main)).toBe(built.mainBundle);
    });

    it('keeps the build resources out of the app (electron-builder reads them from build/)', () => {
      const filter = appFileFilter(release);
      for (const file of readdirSync(path.join(repoRoot, 'build'))) expect(packs(filter, `build/${file}`)).toBe(false);
    });
  });
});
