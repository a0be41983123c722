// What the app tests' fake main answers unless a test says otherwise.
import type { AppInfo } from '../../../../common/app-info';
import { defaultChangeSettings } from '../../../../common/change-views';
import { notConfiguredState } from '../../../../common/connection-state';
import type { PortfolioListing } from '../../../../common/portfolio-summary';
import {
  connectionState,
  FakeMain,
  manySummaries,
  portfolio,
  profilesState,
  profileView,
  type Handlers,
} from './fake-main';
import { updateState } from './update-fixtures';

/** `app:info` on a machine with a keychain. */
export const appInfo: AppInfo = {
  appName: 'Model Portfolios',
  version: '0.1.0',
  platform: 'linux',
  electronVersion: null,
  keychain: { available: true },
};

/** The active profile's listing: n portfolios, synced. */
export function listing(n = 30, profileId = 'p-1'): PortfolioListing {
  return { profileId, syncedAt: '2025-06-30T15:00:00Z', portfolios: manySummaries(n), issues: [] };
}

/** Model changes (issue 15): what main answers while no model has changed. */
export const noChanges: Handlers = {
  'changes:overview': () => ({ profileId: 'p-1', portfolios: [], lastSync: null }),
  'changes:settings': () => defaultChangeSettings,
};

/** Main with nothing set up (first run). */
export function firstRunMain(overrides: Handlers = {}): FakeMain {
  return new FakeMain({
    'app:info': () => appInfo,
    'profiles:list': () => profilesState(),
    'connection:state': () => notConfiguredState,
    'update:state': () => updateState(),
    'proxy:current': () => null,
    'proxy:savedSignIns': () => [],
    ...noChanges,
    ...overrides,
  });
}

/** Main with one profile (p-1, "Acme Partners"), online, 30 portfolios. */
export function configuredMain(overrides: Handlers = {}): FakeMain {
  return new FakeMain({
    'app:info': () => appInfo,
    'profiles:list': () => profilesState(profileView()),
    'connection:state': () => connectionState(),
    'portfolios:list': () => listing(),
    'portfolios:get': ({ id }) => portfolio({ id }),
    'sync:now': () => ({ status: 'updated', portfolioCount: 30, syncedAt: '2025-06-30T15:00:00Z', issues: [] }),
    'update:state': () => updateState(),
    'proxy:current': () => null,
    'proxy:savedSignIns': () => [],
    ...noChanges,
    ...overrides,
  });
}
