/** The routes faults can be injected into: POST /oauth/token, GET /model-portfolios, GET /model-portfolios/{id}. */
export type SandboxRoute = 'token' | 'list' | 'detail';

/** Every SandboxRoute, for validation and iteration. */
export const sandboxRoutes: readonly SandboxRoute[] = ['token', 'list', 'detail'];

/** Ways a token response can be malformed while still being 200 JSON. */
export type TokenGarbageVariant =
  | 'missing-token'
  | 'empty-token'
  | 'missing-expiry'
  | 'non-numeric-expiry'
  | 'zero-expiry'
  | 'negative-expiry'
  | 'wrong-token-type'
  | 'not-an-object';

/** Every TokenGarbageVariant, for validation. */
export const tokenGarbageVariants: readonly TokenGarbageVariant[] = [
  'missing-token',
  'empty-token',
  'missing-expiry',
  'non-numeric-expiry',
  'zero-expiry',
  'negative-expiry',
  'wrong-token-type',
  'not-an-object',
];

/** One misbehaviour a route can show instead of its normal answer (semantics in docs/api.md). */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: unknown }
  | { kind: 'delay'; ms: number }
  | { kind: 'stall' }
  | { kind: 'reset' }
  | { kind: 'truncated' }
  | { kind: 'invalid-json' }
  | { kind: 'html' }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; target?: 'foreign' | 'same-origin' }
  | { kind: 'token-garbage'; variant: TokenGarbageVariant }
  | { kind: 'echo'; status: number };

/** Per-route FIFO of pending faults: each request to a route takes the oldest pending one. */
export class FaultQueue {
  private readonly pending = new Map<SandboxRoute, Array<{ fault: Fault; remaining: number }>>();

  /** Makes the next `times` requests to `route` (after those already queued) take `fault`. */
  enqueue(route: SandboxRoute, fault: Fault, times = 1): void {
    if (!sandboxRoutes.includes(route)) throw new TypeError(`unknown route ${String(route)}`);
    if (!Number.isSafeInteger(times) || times < 0) throw new TypeError(`times must be a whole number, got ${times}`);
    const checked = parseFault(fault);
    if (times === 0) return;
    const queue = this.pending.get(route) ?? [];
    queue.push({ fault: checked, remaining: times });
    this.pending.set(route, queue);
  }

  /** The fault the current request to `route` must take, if any (and uses it up). */
  take(route: SandboxRoute): Fault | undefined {
    const queue = this.pending.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining--;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  }

  /** How many faulted requests are still pending for a route. */
  count(route: SandboxRoute): number {
    return (this.pending.get(route) ?? []).reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Drops every pending fault. */
  clear(): void {
    this.pending.clear();
  }
}

/** Checks an untrusted value (e.g. admin JSON) is a Fault, returning a clean copy; throws TypeError saying why not. */
export function parseFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null) throw new TypeError('a fault must be an object with a "kind"');
  const f = value as Record<string, unknown>;
  switch (f.kind) {
    case 'status': {
      const status = f.status;
      if (!isInt(status) || status < 100 || status > 599) throw new TypeError('status fault needs "status" 100–599');
      const retry = f.retryAfterSeconds;
      if (retry !== undefined && !(isInt(retry) && retry >= 0)) {
        throw new TypeError('"retryAfterSeconds" must be a whole number of seconds');
      }
      return {
        kind: 'status',
        status,
        ...(retry === undefined ? {} : { retryAfterSeconds: retry }),
        ...(f.body === undefined ? {} : { body: f.body }),
      };
    }
    case 'delay':
      if (!isInt(f.ms) || f.ms < 0) throw new TypeError('delay fault needs "ms" ≥ 0');
      return { kind: 'delay', ms: f.ms };
    case 'oversized':
      if (!isInt(f.bytes) || f.bytes < 1) throw new TypeError('oversized fault needs "bytes" ≥ 1');
      return { kind: 'oversized', bytes: f.bytes };
    case 'redirect': {
      const status = f.status;
      if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) {
        throw new TypeError('redirect fault needs "status" 301, 302, 303, 307 or 308');
      }
      const target = f.target ?? 'foreign';
      if (target !== 'foreign' && target !== 'same-origin') {
        throw new TypeError('redirect "target" must be "foreign" or "same-origin"');
      }
      return { kind: 'redirect', status, target };
    }
    case 'echo': {
      const status = f.status ?? 400;
      if (!isInt(status) || status < 400 || status > 599) throw new TypeError('echo fault needs "status" 400–599');
      return { kind: 'echo', status };
    }
    case 'token-garbage': {
      const variant = tokenGarbageVariants.find((v) => v === f.variant);
      if (!variant) throw new TypeError(`token-garbage fault needs "variant": ${tokenGarbageVariants.join(', ')}`);
      return { kind: 'token-garbage', variant };
    }
    case 'stall':
    case 'reset':
    case 'truncated':
    case 'invalid-json':
    case 'html':
      return { kind: f.kind };
    default:
      throw new TypeError(`unknown fault kind ${JSON.stringify(f.kind)}`);
  }
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
