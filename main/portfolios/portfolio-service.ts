import path from 'node:path';
import type { CacheSnapshot } from '../../common/cache-snapshot';
import type { ConnectionState } from '../../common/connection-state';
import type { Portfolio } from '../../common/portfolio';
import { summarise, type PortfolioListing } from '../../common/portfolio-summary';
import type { Profile } from '../../common/profile';
import { AppError, toErrorData, type AppErrorData } from '../../common/result';
import type { ExportKind, ExportOutcome, SyncOutcome } from '../../common/sync-outcome';
import { PortfolioCache } from '../cache/portfolio-cache';
import type { Clock } from '../clock';
import type { SaveDialog, ShellActions } from '../desktop-ports';
import type { EventSink } from '../ipc/event-sink';
import { exportHoldingsCsv, exportPortfolioListCsv } from '../export/csv-export';
import type { SecretStore } from '../keychain/secret-store';
import { silentLogger, type Logger } from '../logging/logger';
import type { ProfileService } from '../profiles/profile-service';
import { ConnectionStateMachine } from '../sync/connection-state-machine';
import { runSync } from '../sync/sync-run';

/** When main syncs by itself. */
export interface AutoSyncOptions {
  /** After a good sync, sync again this much later (default 15 minutes); 0 turns it off. */
  intervalMs?: number;
  /** After a failed sync that may pass (offline, server trouble), try again after this, doubling to 5 minutes (default 15 s). */
  retryMs?: number;
}

/** What the portfolio service needs. */
export interface PortfolioServiceDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  clock: Clock;
  events: EventSink;
  userDataDir: string;
  saveDialog: SaveDialog;
  shell: ShellActions;
  logger?: Logger;
  autoSync?: AutoSyncOptions;
  /** Called before a profile's first sync, e.g. to start the demo sandbox it points at. */
  beforeSync?: (profile: Profile) => Promise<void>;
}

interface Loaded {
  profile: Profile;
  snapshot: CacheSnapshot | null;
  byId: Map<string, Portfolio>;
}

function dateStamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * The active profile's portfolios: served from the encrypted cache, refreshed by syncs (one at a
 * time, cancellable), with the connection state published as it changes and CSV export from
 * whatever is on hand, online or not.
 */
export class PortfolioService {
  readonly connection: ConnectionStateMachine;
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded | null> | null = null;
  private running: { profileId: string; controller: AbortController; done: Promise<SyncOutcome> } | null = null;
  /** Bumped when the active profile changes or is deleted: a run of an older generation publishes nothing. */
  private generation = 0;
  /** Profile switches, one after another. */
  private switching: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private readonly exported = new Set<string>();
  private readonly logger: Logger;
  private disposed = false;

  constructor(private readonly deps: PortfolioServiceDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.retryDelay = deps.autoSync?.retryMs ?? 15_000;
    this.connection = new ConnectionStateMachine(
      (state) => deps.events.emit('connection:state', state),
      () => deps.clock.now(),
    );
  }

  /** The cache of one profile. */
  cacheFor(profileId: string): PortfolioCache {
    return new PortfolioCache({
      dir: path.join(this.deps.userDataDir, 'cache'),
      profileId,
      secrets: this.deps.secrets,
      now: () => new Date(this.deps.clock.now()),
    });
  }

  /** Loads the active profile's cache, publishes the state, and starts a sync in the background. */
  async start(): Promise<void> {
    const loaded = await this.reload();
    if (!loaded) return;
    // Say "syncing" at once, so nobody mistakes the cache just loaded for a confirmed-online state.
    this.connection.syncing({ pages: 0, portfolios: 0, total: null, details: 0 });
    void this.syncInBackground();
  }

  /**
   * The active profile changed (or was edited or deleted): void the old profile's run (its state and
   * events are dropped), wait for it to settle, drop what is loaded and start over with a sync at once.
   */
  activeProfileChanged(): Promise<void> {
    const next = this.switching.then(() => this.switchNow());
    this.switching = next.catch(() => undefined);
    return next;
  }

  private async switchNow(): Promise<void> {
    this.generation += 1;
    this.clearTimer();
    await this.settleRunning();
    this.loaded = null;
    await this.start();
    const loaded = this.loaded as Loaded | null;
    this.deps.events.emit('portfolios:changed', {
      profileId: loaded?.profile.id ?? null,
      syncedAt: loaded?.snapshot?.syncedAt ?? null,
    });
  }

  /** The current connection state. */
  async state(): Promise<ConnectionState> {
    await this.ensureLoaded();
    return this.connection.state;
  }

  /** The active profile's portfolios, without holdings. */
  async list(): Promise<PortfolioListing> {
    const loaded = await this.requireLoaded();
    const snapshot = loaded.snapshot;
    return {
      profileId: loaded.profile.id,
      syncedAt: snapshot?.syncedAt ?? null,
      portfolios: snapshot ? snapshot.portfolios.map(summarise) : [],
      issues: snapshot?.issues ?? [],
    };
  }

  /** One portfolio with its holdings. */
  async get(id: string): Promise<Portfolio> {
    const loaded = await this.requireLoaded();
    const portfolio = loaded.byId.get(id);
    if (!portfolio)
      throw new AppError('NOT_FOUND', 'That portfolio is not in the data on hand. Sync to refresh the list.');
    return portfolio;
  }

  /** Syncs the active profile now; SYNC_IN_PROGRESS when one is already running. */
  async syncNow(): Promise<SyncOutcome> {
    const loaded = await this.requireLoaded();
    if (this.running) throw new AppError('SYNC_IN_PROGRESS');
    this.clearTimer();
    const controller = new AbortController();
    const generation = this.generation;
    const done = this.sync(loaded, controller.signal, generation);
    const run = { profileId: loaded.profile.id, controller, done };
    this.running = run;
    try {
      return await done;
    } finally {
      if (this.running === run) this.running = null;
      if (generation === this.generation) this.schedule();
    }
  }

  /** Cancels the running sync and waits until it has settled (its cache write included). */
  private async settleRunning(): Promise<void> {
    const run = this.running;
    if (!run) return;
    run.controller.abort();
    await run.done.catch(() => undefined);
    if (this.running === run) this.running = null;
  }

  /** Cancels the running sync; false when none runs. */
  cancelSync(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  /** Exports CSV of some portfolios or all, through the save dialog; works offline from the cache. */
  async exportCsv(kind: ExportKind, ids: 'all' | string[]): Promise<ExportOutcome> {
    const loaded = await this.requireLoaded();
    const all = loaded.snapshot?.portfolios ?? [];
    if (all.length === 0) throw new AppError('NO_DATA');
    let chosen: Portfolio[];
    if (ids === 'all') chosen = all;
    else {
      const wanted = new Set(ids);
      chosen = all.filter((portfolio) => wanted.has(portfolio.id));
      if (chosen.length === 0) throw new AppError('EXPORT_NOTHING_SELECTED');
    }
    const stamp = dateStamp(this.deps.clock.now());
    const defaultName = kind === 'list' ? `model-portfolios-${stamp}.csv` : `model-portfolio-holdings-${stamp}.csv`;
    const target = await this.deps.saveDialog.chooseSavePath(defaultName);
    if (!target) return { status: 'cancelled' };
    const result =
      kind === 'list' ? await exportPortfolioListCsv(chosen, target) : await exportHoldingsCsv(chosen, target);
    this.exported.add(result.path);
    this.logger.info('CSV exported', { kind, rows: result.rows, bytes: result.bytes });
    return {
      status: 'saved',
      path: result.path,
      fileName: path.basename(result.path),
      rows: result.rows,
      bytes: result.bytes,
    };
  }

  /** Reveals a file this session exported; any other path is refused. */
  showInFolder(filePath: string): boolean {
    if (!this.exported.has(filePath)) throw new AppError('VALIDATION', 'Only files this app exported can be shown.');
    this.deps.shell.showInFolder(filePath);
    return true;
  }

  /** Forgets a deleted profile's cache (file and key), after its sync (if any) has settled so nothing writes it back. */
  async removeCache(profileId: string): Promise<void> {
    if (this.loaded?.profile.id === profileId) {
      this.generation += 1;
      this.clearTimer();
    }
    if (this.running?.profileId === profileId) await this.settleRunning();
    await this.cacheFor(profileId).clear();
  }

  /** Stops timers and any running sync (app quit, test end). */
  dispose(): void {
    this.disposed = true;
    this.cancelSync();
    this.clearTimer();
  }

  private async sync(loaded: Loaded, signal: AbortSignal, generation: number): Promise<SyncOutcome> {
    // A run whose profile is no longer the active one (switched, deleted) publishes nothing.
    const current = () => generation === this.generation && !this.disposed;
    let { profile } = loaded;
    if (current()) this.connection.syncing({ pages: 0, portfolios: 0, total: null, details: 0 });
    try {
      // The hook may move the profile (the demo sandbox on another port): read it again afterwards.
      await this.deps.beforeSync?.(profile);
      profile = await this.deps.profiles.get(profile.id);
      if (signal.aborted) throw new AppError('SYNC_CANCELLED');
      const result = await runSync({
        api: this.deps.profiles.apiClient(profile),
        profileId: profile.id,
        clock: this.deps.clock,
        previous: loaded.snapshot,
        signal,
        onProgress: (progress) => {
          if (!current()) return;
          this.connection.syncing(progress);
          this.deps.events.emit('sync:progress', progress);
        },
      });
      if (signal.aborted) throw new AppError('SYNC_CANCELLED');
      await this.cacheFor(profile.id).write(result.snapshot);
      if (!current()) throw new AppError('SYNC_CANCELLED');
      if (this.loaded?.profile.id === profile.id) this.loaded = this.toLoaded(profile, result.snapshot);
      const until = await this.deps.profiles
        .tokenManager(profile)
        .validUntil()
        .catch(() => null);
      if (!current()) throw new AppError('SYNC_CANCELLED');
      this.connection.synced(
        result.snapshot.syncedAt,
        result.snapshot.portfolios.length,
        until === null ? null : new Date(until).toISOString(),
      );
      this.retryDelay = this.deps.autoSync?.retryMs ?? 15_000;
      this.deps.events.emit('portfolios:changed', { profileId: profile.id, syncedAt: result.snapshot.syncedAt });
      this.logger.info('sync done', {
        profile: profile.id,
        status: result.status,
        portfolios: result.snapshot.portfolios.length,
        issues: result.snapshot.issues.length,
      });
      return {
        status: result.status,
        portfolioCount: result.snapshot.portfolios.length,
        syncedAt: result.snapshot.syncedAt,
        issues: result.snapshot.issues,
      };
    } catch (error) {
      const coded = error instanceof AppError ? error : new AppError('INTERNAL', undefined, { cause: error });
      // A bug keeps its stack in the log; the renderer gets the coded error only.
      if (!(error instanceof AppError)) this.logger.error('sync failed on an unexpected error', { error });
      if (!current()) throw coded;
      if (coded.code === 'SYNC_CANCELLED' || coded.code === 'SIGNED_OUT') this.connection.cancelled();
      else {
        this.connection.failed(coded.toData());
        this.logger.warn('sync failed; the cached data stays on screen', { profile: profile.id, code: coded.code });
      }
      throw coded;
    }
  }

  private async syncInBackground(): Promise<void> {
    try {
      await this.syncNow();
    } catch {
      // The state machine already shows why; the schedule tries again.
    }
  }

  private schedule(): void {
    this.clearTimer();
    if (this.disposed || !this.loaded) return;
    const state = this.connection.state;
    const interval = this.deps.autoSync?.intervalMs ?? 15 * 60_000;
    let delay: number | null = null;
    if (state.status === 'online' && interval > 0) delay = interval;
    if (state.status === 'offline' || (state.status === 'error' && state.error?.retryable)) {
      delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, 5 * 60_000);
    }
    if (delay === null) return;
    this.timer = setTimeout(() => void this.syncInBackground(), delay);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private toLoaded(profile: Profile, snapshot: CacheSnapshot | null): Loaded {
    return {
      profile,
      snapshot,
      byId: new Map((snapshot?.portfolios ?? []).map((portfolio) => [portfolio.id, portfolio])),
    };
  }

  private async requireLoaded(): Promise<Loaded> {
    const loaded = await this.ensureLoaded();
    if (!loaded) throw new AppError('NOT_CONFIGURED');
    return loaded;
  }

  private async ensureLoaded(): Promise<Loaded | null> {
    if (this.loaded) return this.loaded;
    await this.reload();
    return this.loaded;
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
    let snapshot: CacheSnapshot | null = null;
    let notice: AppErrorData | null = null;
    try {
      const read = await this.cacheFor(profile.id).read();
      if (read.status === 'ok') snapshot = read.snapshot;
      if (read.status === 'set-aside') {
        notice = new AppError(
          'CACHE_UNREADABLE',
          `The offline copy could not be opened (${read.reason.replace('-', ' ')}), so it was set aside as ${path.basename(read.movedTo)}. Sync to rebuild it.`,
        ).toData();
        this.logger.warn('cache set aside', { profile: profile.id, reason: read.reason });
      }
    } catch (error) {
      notice = toErrorData(error);
    }
    this.loaded = this.toLoaded(profile, snapshot);
    this.connection.profileLoaded(
      profile,
      { lastSyncedAt: snapshot?.syncedAt ?? null, count: snapshot?.portfolios.length ?? 0 },
      notice,
    );
    return this.loaded;
  }
}
