import { startingProgress, type ConnectionState } from '../../common/connection-state';
import type { Portfolio } from '../../common/portfolio';
import type { FirstScreen } from '../../common/first-screen';
import type { PortfolioListing } from '../../common/portfolio-summary';
import type { Profile } from '../../common/profile';
import { AppError } from '../../common/result';
import type { SyncOutcome } from '../../common/sync-outcome';
import type { PortfolioRecordCache } from '../cache/records/portfolio-record-cache';
import type { CommitFigures, RecordListing } from '../cache/records/record-types';
import type { Clock } from '../clock';
import type { AtomicWriteIo } from '../fs/atomic-file';
import type { EventSink } from '../ipc/event-sink';
import type { SecretStore } from '../keychain/secret-store';
import type { Logger } from '../logging/logger';
import type { ProfileChange } from '../profiles/profile-events';
import type { ProfileService } from '../profiles/profile-service';
import { ConnectionStateMachine } from '../sync/connection-state-machine';
import { FirstListGate } from './first-list-gate';
import { firstScreenOf } from './first-screen-rows';
import { openCache, readPortfolio, recordCacheOf, streamPortfolios, type Loaded } from './loaded-data';
import { restartsOnChange } from './profile-change-restart';
import { SyncRunner, type SyncLanding, type SyncTrigger } from './sync-runner';
import { SyncSchedule, type AutoSyncOptions } from './sync-schedule';

/** What the portfolio service needs. */
export interface PortfolioServiceDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  clock: Clock;
  events: EventSink;
  userDataDir: string;
  logger: Logger;
  /** The file-system steps of the cache's atomic writes. */
  fileIo: AtomicWriteIo;
  autoSync?: AutoSyncOptions;
  /** Called before each sync of a profile, e.g. to start the demo sandbox it points at. */
  beforeSync?: (profile: Profile) => Promise<void>;
  /** Model changes (issue 15): a sync of the active profile committed its set (what changed, who started it). */
  onLanded?: (landing: SyncLanding) => void;
}

/**
 * The owner of the active profile's portfolios and connection state: served from the encrypted
 * cache, refreshed by syncs (one at a time, cancellable, on a schedule), following the profiles'
 * owner as it publishes changes, and publishing `connection:state` and `portfolios:changed`.
 */
export class PortfolioService {
  readonly connection: ConnectionStateMachine;
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded | null> | null = null;
  private readonly schedule: SyncSchedule;
  private readonly runner: SyncRunner;
  /** Profile switches, one after another. */
  private switching: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly firstList = new FirstListGate();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PortfolioServiceDeps) {
    this.connection = new ConnectionStateMachine(
      (state) => deps.events.emit('connection:state', state),
      () => deps.clock.now(),
    );
    this.schedule = new SyncSchedule(deps.autoSync, () => void this.syncNow('background').catch(() => undefined));
    this.runner = new SyncRunner({
      profiles: deps.profiles,
      clock: deps.clock,
      connection: this.connection,
      logger: deps.logger,
      beforeSync: deps.beforeSync,
      landed: (profile, listing, figures, trigger) => this.landed(profile, listing, figures, trigger),
    });
    this.unsubscribe = deps.profiles.subscribe((change) => this.onProfileChange(change));
  }

  /** The records cache of one profile. */
  cacheFor(profileId: string): PortfolioRecordCache {
    return recordCacheOf(this.deps, profileId);
  }

  /** Loads the active profile's cache, publishes the state, and syncs in the background once the list was served. */
  async start(): Promise<void> {
    const loaded = await this.reload();
    if (!loaded || this.disposed) return;
    // "Syncing" at once (the cache just loaded is not confirmed online); the network waits for the list to be served.
    this.connection.syncing(startingProgress);
    const grace = loaded.listing ? (this.deps.autoSync?.firstListGraceMs ?? 1_500) : 0;
    const go = () => (this.loaded === loaded && !this.disposed ? this.syncNow('background') : undefined);
    void this.firstList
      .wait(loaded, grace)
      .then(go)
      .catch(() => undefined);
  }

  /** The current connection state. */
  async state(): Promise<ConnectionState> {
    await this.ensureLoaded();
    return this.connection.state;
  }

  /** The active profile's portfolios, without holdings (the summaries as opened: no detail is decrypted). */
  async list(): Promise<PortfolioListing> {
    const loaded = await this.requireLoaded();
    this.firstList.serve(loaded);
    return { ...(loaded.listing ?? { profileId: loaded.profile.id, syncedAt: null, portfolios: [], issues: [] }) };
  }

  /** The browser's first screen: the first `limit` portfolios by name then id, and how many there are. */
  async firstScreen(limit: number): Promise<FirstScreen> {
    return firstScreenOf(await this.requireLoaded(), limit);
  }

  /** One portfolio with its holdings, decrypted when asked for. */
  async get(id: string): Promise<Portfolio> {
    return readPortfolio((await this.requireLoaded()).cache, id);
  }

  /** The portfolios on hand with holdings, streamed from the cache in list order (all, or those of the ids). */
  async stream(ids: 'all' | string[]): Promise<AsyncIterable<Portfolio>> {
    return streamPortfolios(await this.requireLoaded(), ids);
  }

  /** Syncs the active profile now (for the user unless main started it); SYNC_IN_PROGRESS when one is already running. */
  async syncNow(trigger: SyncTrigger = 'user'): Promise<SyncOutcome> {
    const loaded = await this.requireLoaded();
    this.schedule.clear();
    const generation = this.runner.generationNow;
    try {
      return await this.runner.run(loaded, trigger);
    } finally {
      // A run voided meanwhile (switch, deletion, quit) plans nothing: its successor does.
      if (generation === this.runner.generationNow && !this.disposed) this.schedule.after(this.connection.state);
    }
  }

  // Model changes (issue 15)
  /** The active profile's data as loaded (its records cache and listing); NOT_CONFIGURED when there is none. */
  loadedData(): Promise<Loaded> {
    return this.requireLoaded();
  }

  /** One more background sync right after the running one, if it ends online (the demo's first changes). */
  syncAgain(): void {
    this.schedule.soon();
  }

  /** Cancels the running sync; false when none runs. */
  cancelSync(): boolean {
    return this.runner.cancel();
  }

  /** Stops timers and any running sync (app quit, test end). */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.firstList.release();
    this.runner.void();
    this.schedule.clear();
  }

  /**
   * Follows the profiles' owner. Only the deletion is waited for (the cache must be gone before the
   * owner goes on); a switch is queued, and every read waits for the queue, so nothing is answered
   * from the old profile's data after the change was made.
   */
  private async onProfileChange(change: ProfileChange): Promise<void> {
    const restart = restartsOnChange(change);
    if (change.kind === 'signed-out' && change.active) this.cancelSync();
    if (change.kind === 'removing') await this.removeCache(change.profileId);
    if (restart)
      this.activeProfileChanged().catch((error: unknown) =>
        this.deps.logger.error('could not switch to the active profile', { error }),
      );
  }

  /**
   * The active profile changed (or its connection did, or it was deleted): void the old profile's run
   * (its state and events are dropped), wait for it to settle, drop what is loaded and start over with
   * a sync at once. Switches run one after another.
   */
  private activeProfileChanged(): Promise<void> {
    const next = this.switching.then(async () => {
      this.schedule.reset();
      await this.runner.voidAndSettle();
      this.loaded = null;
      await this.start();
      const loaded = this.loaded as Loaded | null;
      this.deps.events.emit('portfolios:changed', {
        profileId: loaded?.profile.id ?? null,
        syncedAt: loaded?.listing?.syncedAt ?? null,
      });
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  /** Forgets a deleted profile's cache (file and key), after its sync (if any) has settled so nothing writes it back. */
  private async removeCache(profileId: string): Promise<void> {
    if (this.loaded?.profile.id === profileId) {
      this.schedule.clear();
      await this.runner.voidAndSettle();
    }
    await this.cacheFor(profileId).clear();
  }

  /** A sync of the still-active profile committed its set: serve it and tell the renderer (unless nothing changed). */
  private landed(profile: Profile, listing: RecordListing, figures: CommitFigures, trigger: SyncTrigger): void {
    if (this.loaded?.profile.id === profile.id) this.loaded = { ...this.loaded, listing };
    const changed = figures.added.length + figures.removed.length + figures.updated.length > 0;
    if (changed || figures.indexWrite !== 'none')
      this.deps.events.emit('portfolios:changed', { profileId: profile.id, syncedAt: listing.syncedAt });
    this.deps.onLanded?.({ profile, listing, figures, trigger });
  }

  private async requireLoaded(): Promise<Loaded> {
    const loaded = await this.ensureLoaded();
    if (!loaded) throw new AppError('NOT_CONFIGURED');
    return loaded;
  }

  private async ensureLoaded(): Promise<Loaded | null> {
    await this.switching;
    if (this.loaded) return this.loaded;
    return this.reload();
  }

  private reload(): Promise<Loaded | null> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<Loaded | null> {
    const profile = await this.deps.profiles.active();
    if (!profile) {
      this.loaded = null;
      this.connection.notConfigured();
      return null;
    }
    const { loaded, notice } = await openCache(profile, this.cacheFor(profile.id), this.deps.logger);
    this.loaded = loaded;
    this.connection.profileLoaded(
      profile.id,
      { lastSyncedAt: loaded.listing?.syncedAt ?? null, count: loaded.listing?.portfolios.length ?? 0 },
      notice,
    );
    return loaded;
  }
}
