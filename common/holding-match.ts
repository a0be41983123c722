import type { Holding } from './portfolio';

/** One security lined up across several holding lists (versions of a portfolio, or portfolios compared). */
export interface MatchedHolding {
  /** Stable identity: the normalised ticker, or `name:` + the normalised security name for a holding without one. */
  key: string;
  /** The ticker as the last list holding it wrote it (trimmed); '' when no list gave one. */
  ticker: string;
  /** The security name from the last list holding it. */
  name: string;
  /** The asset class from the last list that gave one; null when none did. */
  assetClass: string | null;
  /** Weight (fraction of 1) per list, in list order; null where the list does not hold it. Duplicates are summed. */
  weights: Array<number | null>;
}

/** A ticker as a matching key: trimmed and upper-cased ('' when there is none). */
export function tickerKey(ticker: string): string {
  return ticker.trim().toUpperCase();
}

/** A security name as a matching key: Unicode NFC, trimmed, inner white space collapsed, lower-cased. */
export function securityNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Lines up the holdings of several lists by security. Rules, in order:
 * 1. Holdings with a ticker match by ticker, case-insensitively and trimmed (`aapl ` is `AAPL`).
 * 2. A holding without a ticker (empty or blank) matches by security name (see securityNameKey) a security the
 *    other lists hold (with or without a ticker) that its own list does not already hold; failing that it stands
 *    alone under `name:<name>`. A holding with neither ticker nor name matches nothing.
 * 3. A security listed more than once in one list (same ticker, or same name without a ticker) counts once, with
 *    the weights summed.
 * Rows come in order of first appearance (list by list, holding by holding), so the result is deterministic.
 */
export function matchHoldings(lists: ReadonlyArray<readonly Holding[]>): MatchedHolding[] {
  const count = lists.length;
  const rows: MatchedHolding[] = [];
  const byTicker = new Map<string, MatchedHolding>();
  const tickerless: Array<{ list: number; holding: Holding }> = [];

  for (let list = 0; list < count; list++) {
    for (const holding of lists[list] ?? []) {
      const key = tickerKey(holding.ticker);
      if (key === '') {
        tickerless.push({ list, holding });
        continue;
      }
      let row = byTicker.get(key);
      if (!row) {
        row = newRow(key, count);
        byTicker.set(key, row);
        rows.push(row);
      }
      hold(row, list, holding, true);
    }
  }
  if (tickerless.length > 0) matchByName(rows, tickerless, count);
  return rows;
}

/** Second pass: ticker-less holdings join a row with the same security name that their list does not hold yet. */
function matchByName(
  rows: MatchedHolding[],
  pending: ReadonlyArray<{ list: number; holding: Holding }>,
  count: number,
): void {
  const byName = new Map<string, MatchedHolding[]>();
  const index = (row: MatchedHolding, nameKey: string): void => {
    if (nameKey === '') return;
    const same = byName.get(nameKey);
    if (same) same.push(row);
    else byName.set(nameKey, [row]);
  };
  for (const row of rows) index(row, securityNameKey(row.name));
  // Which row each list's ticker-less name went to, so a repeated name in one list is summed, not split.
  const joined = new Map<string, MatchedHolding>();
  let anonymous = 0;
  for (const { list, holding } of pending) {
    const nameKey = securityNameKey(holding.name);
    if (nameKey === '') {
      const row = newRow(`unnamed:${anonymous++}`, count);
      rows.push(row);
      hold(row, list, holding, false);
      continue;
    }
    const mine = `${list}\u0000${nameKey}`;
    let row = joined.get(mine) ?? byName.get(nameKey)?.find((candidate) => candidate.weights[list] === null);
    if (!row) {
      row = newRow(`name:${nameKey}`, count);
      rows.push(row);
      index(row, nameKey);
    }
    joined.set(mine, row);
    hold(row, list, holding, false);
  }
}

function newRow(key: string, count: number): MatchedHolding {
  return { key, ticker: '', name: '', assetClass: null, weights: new Array<number | null>(count).fill(null) };
}

/** Adds a holding's weight to its row, and takes its display fields (the later list wins; a first occurrence wins within a list). */
function hold(row: MatchedHolding, list: number, holding: Holding, hasTicker: boolean): void {
  const previous = row.weights[list];
  row.weights[list] = (previous ?? 0) + holding.weight;
  if (previous !== null && previous !== undefined) return;
  if (hasTicker) row.ticker = holding.ticker.trim();
  if (holding.name.trim() !== '' || row.name === '') row.name = holding.name;
  if (holding.assetClass !== null && holding.assetClass.trim() !== '') row.assetClass = holding.assetClass;
}
