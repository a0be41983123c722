import { z } from 'zod';
import { comparisonSize, type AllocationRow } from './model-comparison';
import { defaultChangeTolerancePp, type ModelChanges } from './model-changes';

/** The user's model-change settings: the re-weight tolerance and the desktop notification after a background sync. */
export interface ChangeSettings {
  /** Re-weights smaller than this many percentage points are not listed (float noise, rounding). */
  tolerancePp: number;
  /** One desktop notification after a background sync that found changed models. */
  notify: boolean;
}

/** A new install: one basis point, notifications on. */
export const defaultChangeSettings: ChangeSettings = { tolerancePp: defaultChangeTolerancePp, notify: true };

/** The largest tolerance Settings accepts, in percentage points. */
export const maxTolerancePp = 5;

/** The settings as stored and as `changes:saveSettings` takes them (every field optional there). */
export const changeSettingsSchema = z
  .object({ tolerancePp: z.number().min(0).max(maxTolerancePp), notify: z.boolean() })
  .strict();

/** One kept revision of a portfolio, as the version picker lists it (newest first, the current one first). */
export interface VersionEntry {
  /** The cache's revision number (the generation of the sync that stored it). */
  revision: number;
  /** When the app stored it (the sync time, ISO 8601). */
  storedAt: string;
  /** When a change superseded it; null for the current version. */
  supersededAt: string | null;
  /** The partner's own date of this version, or null when it did not say (or the record could not be read). */
  updatedAt: string | null;
  current: boolean;
}

/** The Changes tab of one portfolio: the kept versions, the trade list between two of them, allocation before/after. */
export interface PortfolioChangesView {
  portfolioId: string;
  name: string;
  /** Newest first; the first is the current version. */
  versions: VersionEntry[];
  /** The older side of the comparison; null when only one version is kept (nothing to compare yet). */
  from: VersionEntry | null;
  to: VersionEntry;
  /** Null when from is null. */
  changes: ModelChanges | null;
  /** Allocation by asset class, weights [from, to] (or [to] alone when from is null). */
  allocation: AllocationRow[];
  /** When holdings or key facts last changed (ISO 8601), null while no change has been seen. */
  lastChangedAt: string | null;
}

/** A portfolio whose holdings or key facts changed at some sync, and whether the user has looked since. */
export interface ChangedPortfolio {
  id: string;
  name: string;
  lastChangedAt: string;
  /** True once the user opened its changes after its last change. */
  seen: boolean;
}

/** What one sync changed: the models a revision reached (added and removed models are not "changed"). */
export interface SyncChanges {
  profileId: string;
  syncedAt: string;
  portfolios: Array<{ id: string; name: string }>;
  /** True when main started the sync by itself (schedule, start-up), not the user. */
  background: boolean;
}

/** The active profile's changed models, for the browser's badges and filters and the status bar. */
export interface ChangesOverview {
  profileId: string | null;
  /** Newest change first. */
  portfolios: ChangedPortfolio[];
  /** The last sync of this profile in this session that changed any model, or null. */
  lastSync: SyncChanges | null;
}

const portfolioId = z.string().min(1).max(200);
const revision = z.number().int().min(0);

/** Which two versions of a portfolio to compare (default: the current one against the one before). */
export const portfolioChangesRequestSchema = z
  .object({ id: portfolioId, from: revision.optional(), to: revision.optional() })
  .strict();

/** The trade-list CSV: of one portfolio (two of its versions, by default its latest change), or of all changed since. */
export const tradeListExportSchema = z.union([
  portfolioChangesRequestSchema,
  z.object({ since: z.iso.datetime({ offset: true }) }).strict(),
]);

/** 2–4 distinct portfolios to compare. */
export const comparisonRequestSchema = z
  .object({
    ids: z
      .array(portfolioId)
      .min(comparisonSize.min)
      .max(comparisonSize.max)
      .refine((ids) => new Set(ids).size === ids.length, 'The same portfolio was picked twice.'),
  })
  .strict();

/** Portfolios to mark as seen (their changes looked at). */
export const markSeenSchema = z.object({ ids: z.array(portfolioId).min(1).max(1_000_000) }).strict();
