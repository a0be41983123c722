import { z } from 'zod';
import type { CacheSnapshot } from '../../common/cache-snapshot';

/** The payload layout version this build writes; older files are migrated on read (see cache-migrations). */
export const cacheSchemaVersion = 2;

const holdingSchema = z.object({
  ticker: z.string(),
  name: z.string(),
  assetClass: z.string().nullable(),
  weight: z.number(),
});

/** The schema one stored portfolio must pass (also each detail record of the records cache). */
export const portfolioSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  riskLevel: z.string().nullable(),
  strategy: z.string().nullable(),
  benchmark: z.string().nullable(),
  currency: z.string().nullable(),
  minimumInvestment: z.number().nullable(),
  updatedAt: z.string().nullable(),
  holdings: z.array(holdingSchema),
  weightSum: z.number(),
  weightsOk: z.boolean(),
});

/** The schema a decrypted payload of the current version must pass before the app uses it. */
export const cacheSnapshotSchema = z.object({
  schemaVersion: z.literal(cacheSchemaVersion),
  profileId: z.string().min(1),
  syncedAt: z.string(),
  etag: z.string().nullable(),
  portfolios: z.array(portfolioSchema),
  issues: z.array(z.object({ portfolioId: z.string().nullable(), message: z.string() })),
});

// Compile-time guard: the schema's output is a CacheSnapshot and a CacheSnapshot passes the schema's shape.
type SchemaOutput = z.output<typeof cacheSnapshotSchema>;
const outputIsSnapshot = (value: SchemaOutput): CacheSnapshot => value;
const snapshotIsOutput = (value: CacheSnapshot): Omit<SchemaOutput, 'schemaVersion'> => value;
void outputIsSnapshot;
void snapshotIsOutput;
