import type { Profile } from '../../common/profile';
import { AppError } from '../../common/result';
import type { SyncOutcome } from '../../common/sync-outcome';
import type { CommitFigures, RecordListing } from '../cache/records/record-types';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { ProfileService } from '../profiles/profile-service';
import type { ConnectionStateMachine } from '../sync/connection-state-machine';
import { runSync } from '../sync/sync-run';
import { storedSync, type Loaded } from './loaded-data';

/** What the sync runner needs. */
export interface SyncRunnerDeps {
  profiles: Pick<ProfileService, 'get' | 'apiClient'>;
  clock: Clock;
  connection: ConnectionStateMachine;
  logger: Logger;
  beforeSync?: (profile: Profile) => Promise<void>;
  /** A run of the still-current generation committed its set to the cache. */
  landed: (profile: Profile, listing: RecordListing, figures: CommitFigures, trigger: SyncTrigger) => void;
}

/** Who started a sync: the user (Sync now, the network coming back), or main by itself (start-up, schedule). */
export type SyncTrigger = 'user' | 'background';

/** A sync that committed its set: the profile, the listing now served, the commit's figures, who started it. */
export interface SyncLanding {
  profile: Profile;
  listing: RecordListing;
  figures: CommitFigures;
  trigger: SyncTrigger;
}

interface Run {
  profileId: string;
  controller: AbortController;
  done: Promise<SyncOutcome>;
}

/**
 * Runs syncs one at a time: the run, its cache write, and what it publishes. A run belongs to a
 * generation; once voided (profile switched or deleted, app quitting) it publishes nothing more.
 */
export class SyncRunner {
  private running: Run | null = null;
  private generation = 0;

  constructor(private readonly deps: SyncRunnerDeps) {}

  /** Syncs the profile whose data is loaded; SYNC_IN_PROGRESS when a run is under way. */
  async run(loaded: Loaded, trigger: SyncTrigger = 'user'): Promise<SyncOutcome> {
    if (this.running) throw new AppError('SYNC_IN_PROGRESS');
    const controller = new AbortController();
    const run: Run = {
      profileId: loaded.profile.id,
      controller,
      done: this.sync(loaded, controller.signal, this.generation, trigger),
    };
    this.running = run;
    try {
      return await run.done;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  /** The current generation: a caller compares it before and after a run to know whether it was voided. */
  get generationNow(): number {
    return this.generation;
  }

  /** Cancels the running sync; false when none runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  /** Voids the current generation: its runs publish nothing more. */
  void(): void {
    this.generation += 1;
    this.cancel();
  }

  /** Voids the current generation, and waits until its run (its cache write included) has settled. */
  async voidAndSettle(): Promise<void> {
    this.void();
    const run = this.running;
    if (!run) return;
    await run.done.catch(() => undefined);
    if (this.running === run) this.running = null;
  }

  private async sync(
    loaded: Loaded,
    signal: AbortSignal,
    generation: number,
    trigger: SyncTrigger,
  ): Promise<SyncOutcome> {
    const { connection, logger } = this.deps;
    const current = () => generation === this.generation;
    let profile = loaded.profile;
    if (current()) connection.syncing();
    try {
      // The hook may move the profile (the demo sandbox on another port): read it again afterwards.
      await this.deps.beforeSync?.(profile);
      profile = await this.deps.profiles.get(profile.id);
      if (signal.aborted) throw new AppError('SYNC_CANCELLED');
      const result = await runSync({
        api: this.deps.profiles.apiClient(profile),
        profileId: profile.id,
        clock: this.deps.clock,
        stored: await storedSync(loaded.cache),
        signal,
        onProgress: (progress) => {
          if (current()) connection.syncing(progress);
        },
      });
      if (signal.aborted) throw new AppError('SYNC_CANCELLED');
      // Only what changed is written; a crash leaves the old set or the new one.
      const figures = await loaded.cache.commit(result.commit);
      if (!current()) throw new AppError('SYNC_CANCELLED');
      const listing = loaded.cache.listing() as RecordListing;
      connection.synced(listing.syncedAt ?? result.commit.syncedAt, listing.portfolios.length);
      this.deps.landed(profile, listing, figures, trigger);
      const changed = figures.added.length + figures.removed.length + figures.updated.length > 0;
      logger.info('sync done', {
        profile: profile.id,
        portfolios: listing.portfolios.length,
        notModified: result.notModified,
        bytesWritten: figures.bytesWritten,
        added: figures.added.length,
        removed: figures.removed.length,
        updated: figures.updated.length,
        versionsKept: figures.changed.length,
        issues: listing.issues.length,
      });
      return {
        status: changed ? 'updated' : 'unchanged',
        portfolioCount: listing.portfolios.length,
        syncedAt: listing.syncedAt ?? result.commit.syncedAt,
        issues: listing.issues,
      };
    } catch (error) {
      const coded = error instanceof AppError ? error : new AppError('INTERNAL', undefined, { cause: error });
      // A bug keeps its stack in the log; the renderer gets the coded error only.
      if (!(error instanceof AppError)) logger.error('sync failed on an unexpected error', { error });
      if (!current()) throw coded;
      if (coded.code === 'SYNC_CANCELLED' || coded.code === 'SIGNED_OUT') connection.cancelled();
      else {
        connection.failed(coded.toData());
        logger.warn('sync failed; the cached data stays on screen', { profile: profile.id, code: coded.code });
      }
      throw coded;
    }
  }
}
