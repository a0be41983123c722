import { describe, expect, it } from 'vitest';
import { migrations, upgradeSnapshot } from '../../../main/cache/cache-migrations';
import { cacheSchemaVersion } from '../../../main/cache/cache-schema';

const v1 = {
  schemaVersion: 1,
  profileId: 'p',
  syncedAt: '2024-01-01T00:00:00.000Z',
  etag: null,
  portfolios: [
    {
      id: 'x',
      name: 'X',
      description: null,
      riskLevel: null,
      strategy: null,
      benchmark: null,
      currency: null,
      minimumInvestment: null,
      updatedAt: null,
      holdings: [
        { ticker: 'A', name: 'A', assetClass: null, weightPercent: 33.3333 },
        { ticker: 'B', name: 'B', assetClass: null, weightPercent: 66.6667 },
      ],
    },
  ],
};

describe('cache migrations', () => {
  it('has a step from every older version to the current one', () => {
    for (let version = 1; version < cacheSchemaVersion; version += 1)
      expect(migrations[version]).toBeTypeOf('function');
  });

  it('turns v1 percent weights into fractions with a weight check and no issues', () => {
    const outcome = upgradeSnapshot(v1);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const portfolio = outcome.snapshot.portfolios[0]!;
    expect(outcome.snapshot.schemaVersion).toBe(cacheSchemaVersion);
    expect(portfolio.holdings.map((holding) => holding.weight)).toEqual([0.333333, 0.666667]);
    expect(portfolio.weightSum).toBeCloseTo(1, 12);
    expect(portfolio.weightsOk).toBe(true);
    expect(outcome.snapshot.issues).toEqual([]);
  });

  it('reports a newer version as unsupported and a malformed one as unparseable', () => {
    expect(upgradeSnapshot({ ...v1, schemaVersion: cacheSchemaVersion + 1 })).toEqual({
      ok: false,
      reason: 'unsupported-version',
    });
    expect(upgradeSnapshot({ ...v1, schemaVersion: 0 })).toEqual({ ok: false, reason: 'unsupported-version' });
    expect(upgradeSnapshot({ ...v1, portfolios: 'nope' })).toEqual({ ok: false, reason: 'parse-failed' });
    expect(upgradeSnapshot([1, 2])).toEqual({ ok: false, reason: 'parse-failed' });
    expect(upgradeSnapshot(null)).toEqual({ ok: false, reason: 'parse-failed' });
    expect(upgradeSnapshot({ schemaVersion: '2' })).toEqual({ ok: false, reason: 'parse-failed' });
  });
});
