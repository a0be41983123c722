import type {
  ChangeSettings,
  ChangedPortfolio,
  ChangesOverview,
  PortfolioChangesView,
  SyncChanges,
} from '../../common/change-views';
import { compareModels, type ModelComparison } from '../../common/model-comparison';
import { AppError } from '../../common/result';
import type { ExportOutcome } from '../../common/sync-outcome';
import { exportComparisonCsv, exportTradeListCsv } from '../export/change-export';
import type { ExportService } from '../export/export-service';
import type { EventSink } from '../ipc/event-sink';
import type { Logger } from '../logging/logger';
import { readPortfolio, type Loaded } from '../portfolios/loaded-data';
import type { SyncLanding } from '../portfolios/sync-runner';
import type { ChangeSettingsStore } from './change-settings-store';
import type { Notifier } from './notifier';
import type { SeenMarksStore } from './seen-marks-store';
import { readPortfolioChanges, tradeListsSince, viewDates, type RevisionPick } from './version-changes';

/** What the changes service needs. */
export interface ChangesServiceDeps {
  /** The active profile's loaded data (records cache and listing); NOT_CONFIGURED when there is none. */
  active: () => Promise<Loaded>;
  settings: ChangeSettingsStore;
  seen: SeenMarksStore;
  events: EventSink;
  notifier: Notifier;
  /** The CSV exports' save dialog, busy tracking and "Show in folder". */
  exports: Pick<ExportService, 'saveCsv' | 'stamp'>;
  logger: Logger;
}

/** The trade-list export: one portfolio's versions, or every portfolio changed since an ISO time. */
export type TradeListRequest = ({ id: string } & RevisionPick) | { since: string };

function isSeen(mark: string | undefined, changedAt: string): boolean {
  return mark !== undefined && Date.parse(mark) >= Date.parse(changedAt);
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'portfolio';
}

function noticeText(sync: SyncChanges): string {
  const n = sync.portfolios.length;
  const names = n <= 3 ? `: ${sync.portfolios.map((p) => p.name).join(', ')}` : '';
  return `${n} model ${n === 1 ? 'portfolio' : 'portfolios'} changed${names}`;
}

/**
 * Model changes of the active profile, from the versions its records cache keeps: which models changed (and
 * whether the user has looked since), the trade list between any two kept versions, 2–4 models side by side,
 * their CSV exports, and what each sync changed (an event, and a desktop notification after a background sync).
 */
export class ChangesService {
  private lastSync: SyncChanges | null = null;

  constructor(private readonly deps: ChangesServiceDeps) {}

  /** The changed models (newest change first, with seen marks) and what the last changing sync changed. */
  async overview(): Promise<ChangesOverview> {
    const { profile, listing } = await this.deps.active();
    const marks = await this.deps.seen.marks(profile.id);
    const portfolios: ChangedPortfolio[] = [];
    for (const { id, name, lastChangedAt } of listing?.portfolios ?? []) {
      if (lastChangedAt !== null)
        portfolios.push({ id, name, lastChangedAt, seen: isSeen(marks.get(id), lastChangedAt) });
    }
    portfolios.sort((a, b) => Date.parse(b.lastChangedAt) - Date.parse(a.lastChangedAt) || (a.id < b.id ? -1 : 1));
    const lastSync = this.lastSync?.profileId === profile.id ? this.lastSync : null;
    return { profileId: profile.id, portfolios, lastSync };
  }

  /** One portfolio's kept versions and the trade list between two of them, with the tolerance in force. */
  async portfolio(id: string, pick: RevisionPick = {}): Promise<PortfolioChangesView> {
    const { cache } = await this.deps.active();
    const { tolerancePp } = await this.deps.settings.load();
    return readPortfolioChanges(cache, id, pick, tolerancePp);
  }

  /** Marks the portfolios' latest changes as seen; answers how many marks moved (and tells the renderer). */
  async markSeen(ids: readonly string[]): Promise<{ marked: number }> {
    const { profile, listing } = await this.deps.active();
    const changedAt = new Map<string, string>();
    for (const p of listing?.portfolios ?? []) if (p.lastChangedAt !== null) changedAt.set(p.id, p.lastChangedAt);
    const seen = new Map(ids.flatMap((id) => (changedAt.has(id) ? [[id, changedAt.get(id)!] as const] : [])));
    const marked = await this.deps.seen.mark(profile.id, seen, new Set(changedAt.keys()));
    if (marked > 0) this.deps.events.emit('changes:changed', { profileId: profile.id });
    return { marked };
  }

  /** The change settings in force. */
  settings(): Promise<ChangeSettings> {
    return this.deps.settings.load();
  }

  /** Changes the tolerance or notifications; trade lists on screen are computed again. */
  async saveSettings(patch: Partial<ChangeSettings>): Promise<ChangeSettings> {
    const saved = await this.deps.settings.save(patch);
    this.deps.events.emit('changes:changed', { profileId: null });
    return saved;
  }

  /** 2–4 portfolios of the active profile side by side. */
  async compare(ids: readonly string[]): Promise<ModelComparison> {
    const { cache } = await this.deps.active();
    return compareModels(await Promise.all(ids.map((id) => readPortfolio(cache, id))));
  }

  /** Exports trade lists as CSV through the save dialog: NO_CHANGES when there is nothing to list. */
  async exportTradeList(request: TradeListRequest): Promise<ExportOutcome> {
    const exports = this.deps.exports;
    if ('id' in request) {
      const view = await this.portfolio(request.id, request);
      const { changes } = view;
      if (!changes)
        throw new AppError(
          'NO_CHANGES',
          'Only one version of this portfolio is kept so far: there is no trade list yet.',
        );
      const name = `trade-list-${fileSafe(view.portfolioId)}-${exports.stamp()}.csv`;
      return exports.saveCsv(name, 'trade-list', (target) =>
        exportTradeListCsv([{ changes, dates: viewDates(view) }], target),
      );
    }
    const since = Date.parse(request.since);
    const { cache, listing } = await this.deps.active();
    const changed = (listing?.portfolios ?? []).some(
      (p) => p.lastChangedAt !== null && Date.parse(p.lastChangedAt) >= since,
    );
    if (!changed) throw new AppError('NO_CHANGES');
    const { tolerancePp } = await this.deps.settings.load();
    const name = `trade-lists-since-${new Date(since).toISOString().slice(0, 10)}-${exports.stamp()}.csv`;
    return exports.saveCsv(name, 'trade-lists', (target) =>
      exportTradeListCsv(tradeListsSince(cache, since, tolerancePp), target),
    );
  }

  /** Exports a comparison of 2–4 portfolios as CSV through the save dialog. */
  async exportComparison(ids: readonly string[]): Promise<ExportOutcome> {
    const comparison = await this.compare(ids);
    const exports = this.deps.exports;
    return exports.saveCsv(`model-comparison-${exports.stamp()}.csv`, 'comparison', (target) =>
      exportComparisonCsv(comparison, target),
    );
  }

  /**
   * A sync committed its set: when revisions reached models, say so (`changes:synced`, the status bar's "3 models
   * changed") and, after a background sync with notifications on, show one desktop notification whose click asks
   * the renderer to list them.
   */
  async syncLanded({ profile, listing, figures, trigger }: SyncLanding): Promise<void> {
    if (figures.changed.length === 0) return;
    const names = new Map(listing.portfolios.map((p) => [p.id, p.name]));
    const sync: SyncChanges = {
      profileId: profile.id,
      syncedAt: listing.syncedAt ?? new Date().toISOString(),
      portfolios: figures.changed.map((id) => ({ id, name: names.get(id) ?? id })),
      background: trigger === 'background',
    };
    this.lastSync = sync;
    this.deps.events.emit('changes:synced', sync);
    if (!sync.background || !(await this.deps.settings.load()).notify) return;
    this.deps.notifier.notify({ title: 'Model portfolios changed', body: noticeText(sync) }, () =>
      this.deps.events.emit('changes:showList', { profileId: profile.id }),
    );
  }

  /** A profile was deleted: its seen marks go with it. */
  async forgetProfile(profileId: string): Promise<void> {
    if (this.lastSync?.profileId === profileId) this.lastSync = null;
    await this.deps.seen.forget(profileId);
  }
}
