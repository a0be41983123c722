import { type SandboxRoute } from './faults';

/** What the sandbox has served, for tests and benchmarks. */
export interface SandboxCounters {
  /** Requests to POST /oauth/token, whatever the answer (faults included). */
  tokenRequests: number;
  /** Tokens actually issued (usable for API calls). */
  tokensIssued: number;
  /** Requests per route, faulted ones included; 'other' is every unknown path (admin requests are not counted). */
  requests: Record<SandboxRoute | 'other', number>;
  /** 304 Not Modified answers per portfolio route: conditional requests the sandbox found current. */
  notModified: Record<'list' | 'detail', number>;
  /** Bytes the API server wrote to its sockets (status lines, headers and bodies; admin answers excluded). */
  bytesSent: number;
  /** Connections the API server accepted (TLS connections when it serves HTTPS), admin ones included. */
  connections: number;
  /** Sets every counter back to zero. */
  reset(): void;
}

/** The sandbox's live counters. */
export class Counters implements SandboxCounters {
  tokenRequests = 0;
  tokensIssued = 0;
  readonly requests: Record<SandboxRoute | 'other', number> = { token: 0, list: 0, detail: 0, other: 0 };
  readonly notModified: Record<'list' | 'detail', number> = { list: 0, detail: 0 };
  bytesSent = 0;
  connections = 0;

  reset(): void {
    this.tokenRequests = 0;
    this.tokensIssued = 0;
    this.bytesSent = 0;
    this.connections = 0;
    for (const key of ['token', 'list', 'detail', 'other'] as const) this.requests[key] = 0;
    this.notModified.list = 0;
    this.notModified.detail = 0;
  }

  /** A plain copy, for JSON. */
  snapshot(): Omit<SandboxCounters, 'reset'> {
    return {
      tokenRequests: this.tokenRequests,
      tokensIssued: this.tokensIssued,
      requests: { ...this.requests },
      notModified: { ...this.notModified },
      bytesSent: this.bytesSent,
      connections: this.connections,
    };
  }
}
