// The fresh-process measurements of bench/cache-records.bench.ts (not a bench itself: it is spawned by it):
//   parse  <dir> <service> <json>  readFile + JSON.parse of the whole set's JSON
//   open   <dir> <service> <json>  the records cache opened to a ready list
//   detail <dir> <service> <json>  the bookkeeping load, then detail opens, then every detail in list order
import { readFile } from 'node:fs/promises';
import type { CacheSnapshot } from '../common/cache-snapshot';
import { tickerList } from '../main/cache/records/portfolio-digest';
import { PortfolioRecordCache } from '../main/cache/records/portfolio-record-cache';
import { KeytarSecretStore } from '../main/keychain/keytar-secret-store';
import { holdingsPerPortfolio, median, ms, p95, portfolioCount, profileId, round3 } from './records-bench-data';

const detailReads = 200;

/** One measurement in this (fresh) process, printed as JSON for the parent. */
async function child(mode: string, dir: string, service: string, jsonFile: string): Promise<void> {
  if (mode === 'parse') {
    const began = performance.now();
    const parsed = JSON.parse(await readFile(jsonFile, 'utf8')) as CacheSnapshot;
    const took = ms(began);
    if (parsed.portfolios.length !== portfolioCount) throw new Error('parse failed');
    process.stdout.write(JSON.stringify({ ms: took }));
    return;
  }
  const cache = new PortfolioRecordCache({ dir, profileId, secrets: new KeytarSecretStore(service) });
  const began = performance.now();
  const opened = await cache.open();
  const openMs = ms(began);
  if (opened.status !== 'ok' || opened.listing.portfolios.length !== portfolioCount) throw new Error('open failed');
  if (mode === 'open') {
    // What tickers as arrays would add (the list's shape before it sent tickerText as it is).
    const at = performance.now();
    const arrays = opened.listing.portfolios.map((summary) => ({ ...summary, tickers: tickerList(summary) }));
    const tickerArraysMs = ms(at);
    if (arrays[0]!.tickers.length !== holdingsPerPortfolio) throw new Error('tickers lost');
    process.stdout.write(JSON.stringify({ ms: openMs, tickerArraysMs }));
    return;
  }
  // The bookkeeping (validators, record locations) is decrypted on first need: the sync asks for it at start.
  let at = performance.now();
  await cache.validators();
  const bookkeepingLoadMs = ms(at);
  at = performance.now();
  const first = await cache.readDetail('mp-0');
  const firstDetailMs = ms(at);
  if (first.status !== 'ok') throw new Error('detail failed');
  const times: number[] = [];
  for (let n = 0; n < detailReads; n += 1) {
    const id = `mp-${Math.floor(Math.random() * portfolioCount)}`;
    at = performance.now();
    const read = await cache.readDetail(id);
    times.push(round3(performance.now() - at));
    if (read.status !== 'ok' || read.portfolio.holdings.length !== holdingsPerPortfolio)
      throw new Error('detail failed');
  }
  // Every detail in list order, as an export reads them.
  at = performance.now();
  let count = 0;
  for await (const { read } of cache.readDetails()) if (read.status === 'ok') count += 1;
  const allDetailsMs = ms(at);
  if (count !== portfolioCount) throw new Error('details lost');
  process.stdout.write(
    JSON.stringify({ bookkeepingLoadMs, firstDetailMs, medianMs: median(times), p95Ms: p95(times), allDetailsMs }),
  );
}

const [mode, dir, service, jsonFile] = process.argv.slice(2);
await child(mode!, dir!, service!, jsonFile!);
