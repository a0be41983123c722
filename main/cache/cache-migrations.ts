import { z } from 'zod';
import { weightSumTolerance } from '../../common/portfolio';
import { cacheSchemaVersion, cacheSnapshotSchema } from './cache-schema';
import type { CacheSnapshot } from '../../common/cache-snapshot';

/** Version 1 payloads: holdings carried `weightPercent` (0–100), portfolios had no weight check, no sync issues. */
const v1Schema = z.object({
  schemaVersion: z.literal(1),
  profileId: z.string().min(1),
  syncedAt: z.string(),
  etag: z.string().nullable(),
  portfolios: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      riskLevel: z.string().nullable(),
      strategy: z.string().nullable(),
      benchmark: z.string().nullable(),
      currency: z.string().nullable(),
      minimumInvestment: z.number().nullable(),
      updatedAt: z.string().nullable(),
      holdings: z.array(
        z.object({
          ticker: z.string(),
          name: z.string(),
          assetClass: z.string().nullable(),
          weightPercent: z.number(),
        }),
      ),
    }),
  ),
});

/** v1 → v2: weights become fractions of 1, each portfolio gets its weight sum and check, and an empty issue list. */
function v1ToV2(payload: unknown): unknown {
  const v1 = v1Schema.parse(payload);
  return {
    schemaVersion: 2,
    profileId: v1.profileId,
    syncedAt: v1.syncedAt,
    etag: v1.etag,
    portfolios: v1.portfolios.map((portfolio) => {
      const holdings = portfolio.holdings.map(({ weightPercent, ...rest }) => ({
        ...rest,
        weight: weightPercent / 100,
      }));
      const weightSum = holdings.reduce((sum, holding) => sum + holding.weight, 0);
      return { ...portfolio, holdings, weightSum, weightsOk: Math.abs(weightSum - 1) <= weightSumTolerance };
    }),
    issues: [],
  };
}

/** One step per older payload version: migrations[n] turns a version-n payload into version n + 1. */
export const migrations: Readonly<Record<number, (payload: unknown) => unknown>> = {
  1: v1ToV2,
};

/** What became of a decrypted payload: the current snapshot, or why it cannot be used. */
export type MigrationOutcome =
  { ok: true; snapshot: CacheSnapshot } | { ok: false; reason: 'parse-failed' | 'unsupported-version' };

/** Brings a parsed payload of any supported version up to the current one and checks it against the schema. */
export function upgradeSnapshot(payload: unknown): MigrationOutcome {
  if (typeof payload !== 'object' || payload === null) return { ok: false, reason: 'parse-failed' };
  const version = (payload as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, reason: 'parse-failed' };
  if (version > cacheSchemaVersion) return { ok: false, reason: 'unsupported-version' };
  let current: unknown = payload;
  for (let step = version; step < cacheSchemaVersion; step += 1) {
    const migrate = migrations[step];
    if (!migrate) return { ok: false, reason: 'unsupported-version' };
    try {
      current = migrate(current);
    } catch {
      return { ok: false, reason: 'parse-failed' };
    }
  }
  const parsed = cacheSnapshotSchema.safeParse(current);
  return parsed.success ? { ok: true, snapshot: parsed.data } : { ok: false, reason: 'parse-failed' };
}
