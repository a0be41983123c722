import type { AppInfo } from '../common/app-info';
import type { SecretStore } from './keychain/secret-store';

/** Facts about the running app that main knows and the renderer shows. */
export interface AppIdentity {
  appName: string;
  version: string;
  platform: string;
  electronVersion: string | null;
}

/** Answers `app:info`: identity plus a fresh keychain probe. */
export async function readAppInfo(identity: AppIdentity, secrets: SecretStore): Promise<AppInfo> {
  return { ...identity, keychain: await secrets.probe() };
}
