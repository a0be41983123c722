import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppInfo, Arch, Platform, type Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { loadEnv } from 'app-builder-lib/out/util/config/load.js';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander.js';

// electron-builder's own update pieces, run on our config files without packaging anything: the
// app-update.yml it writes into the package, and the latest-linux.yml it publishes with a release.
// They are internal to app-builder-lib, hence the require.
const require = createRequire(import.meta.url);
const publishManager = require('app-builder-lib/out/publish/PublishManager.js') as {
  getAppUpdatePublishConfiguration(
    packager: unknown,
    target: null,
    arch: Arch,
    errorIfCannot: boolean,
  ): Promise<unknown>;
  getPublishConfigs(packager: unknown, target: null, arch: Arch, errorIfCannot: boolean): Promise<unknown[] | null>;
};
const updateInfoBuilder = require('app-builder-lib/out/publish/updateInfoBuilder.js') as {
  createUpdateInfoTasks(event: unknown, publishConfigs: unknown[] | null): Promise<unknown[]>;
  writeUpdateInfoFiles(tasks: unknown[], packager: unknown): Promise<void>;
};

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The feed variables electron-builder.yml and electron-builder.test.yml read. */
export const feedVariables = ['UPDATE_FEED_URL', 'UPDATE_TEST_FEED_URL'] as const;
type FeedVariables = Partial<Record<(typeof feedVariables)[number], string>>;

/** What electron-builder writes to resources/app-update.yml: where the packaged app looks for updates. */
export interface AppUpdateConfig {
  provider: string;
  url: string;
  updaterCacheDirName: string;
  [key: string]: unknown;
}

/**
 * Runs work with the feed variables as electron-builder's CLI would see them: the given values, then
 * electron-builder.env for the rest (loaded by electron-builder's own loadEnv); restored afterwards.
 */
async function withFeedEnv<T>(values: FeedVariables, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(feedVariables.map((name) => [name, process.env[name]]));
  try {
    for (const name of feedVariables) {
      if (values[name] === undefined) delete process.env[name];
      else process.env[name] = values[name];
    }
    await loadEnv(path.join(repoRoot, 'electron-builder.env'));
    return await work();
  } finally {
    for (const name of feedVariables) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

/** As little of electron-builder's Linux packager as its update code reads. */
function linuxPackager(config: Configuration, version: string) {
  const metadata = {
    ...(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>),
    version,
  };
  const info = { metadata, config, devMetadata: metadata, repositoryInfo: Promise.resolve(null) } as Record<
    string,
    unknown
  >;
  const appInfo = new AppInfo(info as never, null, config.linux ?? null);
  info.appInfo = appInfo;
  return {
    platform: Platform.LINUX,
    platformSpecificBuildOptions: config.linux ?? {},
    config,
    info,
    appInfo,
    // No release-notes file in build/: the notes come from the config's releaseInfo.
    getResource: () => Promise.resolve(null),
    expandMacro: (pattern: string, arch: string | null) => expandMacro(pattern, arch, appInfo),
    emitArtifactCreated: () => Promise.resolve(),
  };
}

/** The app-update.yml electron-builder writes into a Linux package built from this config file. */
export async function appUpdateConfig(configFile: string, env: FeedVariables = {}): Promise<AppUpdateConfig> {
  return withFeedEnv(env, async () => {
    const config = await getConfig(repoRoot, configFile, null);
    const packager = linuxPackager(config, '0.1.0');
    const published = await publishManager.getAppUpdatePublishConfiguration(packager, null, Arch.x64, false);
    if (!published) throw new Error(`${configFile} publishes no update feed`);
    return published as AppUpdateConfig;
  });
}

/** One Linux release as electron-builder describes it: the artifact it built and the release notes. */
export interface LinuxRelease {
  version: string;
  /** The built artifact (an .AppImage) in outDir. */
  artifact: string;
  outDir: string;
  releaseNotes?: string;
}

/** Writes latest-linux.yml for a release into its outDir, with electron-builder's own code; returns its path. */
export async function writeLinuxUpdateInfo(release: LinuxRelease, env: FeedVariables = {}): Promise<string> {
  return withFeedEnv(env, async () => {
    const loaded = await getConfig(repoRoot, 'electron-builder.yml', null);
    const config: Configuration = release.releaseNotes
      ? { ...loaded, releaseInfo: { releaseNotes: release.releaseNotes } }
      : loaded;
    const packager = linuxPackager(config, release.version);
    const publishConfigs = await publishManager.getPublishConfigs(packager, null, Arch.x64, false);
    const tasks = await updateInfoBuilder.createUpdateInfoTasks(
      { packager, file: release.artifact, arch: Arch.x64, target: { outDir: release.outDir } },
      publishConfigs,
    );
    await updateInfoBuilder.writeUpdateInfoFiles(tasks, packager);
    return path.join(release.outDir, 'latest-linux.yml');
  });
}
