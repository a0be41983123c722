import { randomBytes } from 'node:crypto';
import { systemClock, type SandboxClock } from './clock';
import { type WeightStyle } from './holdings';

/** How list pages are shaped and linked (see docs/api.md). */
export type PaginationStyle = 'next-link' | 'link-header' | 'cursor' | 'none';
/** Field names of a token response: the doc's (accessTtoken…), camelCase (accessToken…) or RFC 6749 (access_token…). */
export type TokenStyle = 'doc' | 'camel' | 'rfc';
/** 'doc' accepts the doc's JSON body and the RFC form; 'rfc' accepts only the RFC 6749 form. */
export type ServerMode = 'doc' | 'rfc';

/** A client id and secret the token route accepts. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** How a sandbox is configured; every field is optional, defaults are in docs/api.md. */
export interface SandboxOptions {
  /** Port on 127.0.0.1 (always loopback); default 0 = a random free port. */
  port?: number;
  /** How many portfolios the data set has; default 40. */
  portfolios?: number;
  /** Data seed: the same seed serves the same bytes; default 1. */
  seed?: number;
  /** Portfolios per list page; default 50. */
  pageSize?: number;
  /** List shape and paging; default 'next-link'. */
  pagination?: PaginationStyle;
  /** Default true; false = list items without holdings (only the detail route has them). */
  listHoldings?: boolean;
  /** Holding weights as fractions of 1 (default) or percents. */
  weights?: WeightStyle;
  /** Default true: include the deliberately imperfect records (see imperfect.ts). */
  imperfect?: boolean;
  /** Token response field names; default 'doc' ('rfc' when mode is 'rfc'). */
  tokenStyle?: TokenStyle;
  /** 'doc' (default) accepts the JSON body and the RFC form; 'rfc' accepts only the RFC 6749 form. */
  mode?: ServerMode;
  /** Access token lifetime in seconds; default 86400. */
  tokenTtlSeconds?: number;
  /** The client credentials to accept; default: generated random ones. */
  credentials?: ClientCredentials;
  /** Where token expiry reads the time; default: the real clock. */
  clock?: SandboxClock;
  /** Default false; true enables fault injection and the /__admin/* routes. */
  faults?: boolean;
  /** Holdings per portfolio; 0 (default) draws 5–60 per portfolio. For benchmarks. */
  holdingsCount?: number;
  /** Revisions published at start, each of one model picked by the seed; default 0 (see docs/api.md). */
  revisions?: number;
  /** Publishes the next revision of one model picked by the seed every this many ms of the sandbox clock; 0 (default) = never. */
  revisionIntervalMs?: number;
  /** Default false; true serves HTTPS with a certificate made at start (its CA is Sandbox.caPem). */
  tls?: boolean;
}

/** SandboxOptions with every default filled in and every value checked. */
export type ResolvedOptions = Required<SandboxOptions>;

/** Fills in defaults and rejects values that make no sense, with a RangeError naming the option. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const mode = options.mode ?? 'doc';
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    portfolios: options.portfolios ?? 40,
    seed: options.seed ?? 1,
    pageSize: options.pageSize ?? 50,
    pagination: options.pagination ?? 'next-link',
    listHoldings: options.listHoldings ?? true,
    weights: options.weights ?? 'fraction',
    imperfect: options.imperfect ?? true,
    tokenStyle: options.tokenStyle ?? (mode === 'rfc' ? 'rfc' : 'doc'),
    mode,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86_400,
    credentials: options.credentials ?? generateCredentials(),
    clock: options.clock ?? systemClock,
    faults: options.faults ?? false,
    holdingsCount: options.holdingsCount ?? 0,
    revisions: options.revisions ?? 0,
    revisionIntervalMs: options.revisionIntervalMs ?? 0,
    tls: options.tls ?? false,
  };
  requireInteger('port', resolved.port, 0, 65_535);
  requireInteger('portfolios', resolved.portfolios, 0, 100_000_000);
  requireInteger('seed', resolved.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  requireInteger('pageSize', resolved.pageSize, 1, 1_000_000);
  requireInteger('holdingsCount', resolved.holdingsCount, 0, 100);
  requireInteger('revisions', resolved.revisions, 0, 1_000_000);
  requireInteger('revisionIntervalMs', resolved.revisionIntervalMs, 0, Number.MAX_SAFE_INTEGER);
  if (resolved.revisionIntervalMs > 0 && resolved.revisionIntervalMs < 1000) {
    throw new RangeError(`revisionIntervalMs must be 0 (off) or at least 1000, got ${resolved.revisionIntervalMs}`);
  }
  requireOneOf('pagination', resolved.pagination, ['next-link', 'link-header', 'cursor', 'none']);
  requireOneOf('weights', resolved.weights, ['fraction', 'percent']);
  requireOneOf('tokenStyle', resolved.tokenStyle, ['doc', 'camel', 'rfc']);
  requireOneOf('mode', resolved.mode, ['doc', 'rfc']);
  if (!(resolved.tokenTtlSeconds > 0) || !Number.isFinite(resolved.tokenTtlSeconds)) {
    throw new RangeError(`tokenTtlSeconds must be a positive number of seconds, got ${resolved.tokenTtlSeconds}`);
  }
  if (!resolved.credentials.clientId || !resolved.credentials.clientSecret) {
    throw new RangeError('credentials need a non-empty clientId and clientSecret');
  }
  return resolved;
}

/** Fresh random demo credentials: "demo-" + 16 hex digits, and a 32-byte base64url secret. */
export function generateCredentials(): ClientCredentials {
  return { clientId: `demo-${randomBytes(8).toString('hex')}`, clientSecret: randomBytes(32).toString('base64url') };
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function requireOneOf(name: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new RangeError(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
}
