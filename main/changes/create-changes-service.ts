import type { DemoService } from '../demo/demo-service';
import type { ExportService } from '../export/export-service';
import type { EventSink } from '../ipc/event-sink';
import type { Logger } from '../logging/logger';
import type { PortfolioService } from '../portfolios/portfolio-service';
import type { SyncLanding } from '../portfolios/sync-runner';
import type { ProfileService } from '../profiles/profile-service';
import { ChangeSettingsStore } from './change-settings-store';
import { ChangesService } from './changes-service';
import type { Notifier } from './notifier';
import { SeenMarksStore } from './seen-marks-store';

/** What the changes service is built from: main's other services and the host's notifier. */
export interface ChangesWiring {
  userDataDir: string;
  logger: Logger;
  events: EventSink;
  notifier: Notifier;
  profiles: Pick<ProfileService, 'subscribe'>;
  portfolios: Pick<PortfolioService, 'loadedData' | 'syncAgain'>;
  exports: Pick<ExportService, 'saveCsv' | 'stamp'>;
  demo: Pick<DemoService, 'warmUp'>;
}

/**
 * Builds the changes service over the active profile's data and wires what follows it: a deleted profile's seen
 * marks go with it, and `afterSync` (for PortfolioService's `onLanded`) tells it what each sync changed and lets
 * a new demo publish its first revisions (then syncs once more).
 */
export function createChangesService(wiring: ChangesWiring): {
  changes: ChangesService;
  afterSync: (landing: SyncLanding) => void;
} {
  const { userDataDir, logger, events, notifier, profiles, portfolios, exports, demo } = wiring;
  const changes = new ChangesService({
    active: () => portfolios.loadedData(),
    settings: new ChangeSettingsStore(userDataDir, logger),
    seen: new SeenMarksStore(userDataDir, logger),
    events,
    notifier,
    exports,
    logger,
  });
  profiles.subscribe((change) => {
    if (change.kind === 'removed')
      changes.forgetProfile(change.profileId).catch((error: unknown) => {
        logger.warn('the seen marks of a deleted profile could not be removed', { error });
      });
  });
  const afterSync = (landing: SyncLanding): void => {
    changes.syncLanded(landing).catch((error: unknown) => {
      logger.warn('could not report what the sync changed', { error });
    });
    if (demo.warmUp(landing)) portfolios.syncAgain();
  };
  return { changes, afterSync };
}
