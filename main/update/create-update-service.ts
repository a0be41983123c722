import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { BusySignal } from './activity-tracker';
import type { Timers } from './timers';
import { readUpdatePolicy } from './update-policy';
import type { UpdateSchedule } from './update-schedule';
import { UpdateService } from './update-service';
import { UpdateSettingsStore } from './update-settings-store';
import type { Updater } from './updater';

/** What the app (or a test) gives to start updates. */
export interface UpdateServiceOptions {
  updater: Updater;
  /** The user-data folder, where update-settings.json lives. */
  userDataDir: string;
  /** The organisation's policy.json (policyFilePath(process.platform) in the app; a temp file in tests). */
  policyFile: string;
  busy: BusySignal;
  logger: Logger;
  currentVersion: string;
  clock?: Clock;
  timers?: Timers;
  schedule?: Partial<UpdateSchedule>;
}

/** Reads the policy file and the user's update settings, then builds the UpdateService. Never fails on a bad file. */
export async function createUpdateService(options: UpdateServiceOptions): Promise<UpdateService> {
  const store = new UpdateSettingsStore(options.userDataDir, options.logger);
  const [policy, settings] = await Promise.all([readUpdatePolicy(options.policyFile, options.logger), store.load()]);
  return new UpdateService({
    updater: options.updater,
    policy,
    settings,
    saveSettings: (next) => store.save(next),
    busy: options.busy,
    clock: options.clock ?? systemClock,
    timers: options.timers,
    logger: options.logger,
    currentVersion: options.currentVersion,
    schedule: options.schedule,
  });
}
