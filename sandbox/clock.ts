/** Where the sandbox reads the time (epoch ms) from, so tests can move it. */
export interface SandboxClock {
  now(): number;
}

/** The real wall clock, the default. */
export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock that moves only when a test moves it; starts at 2025-01-01T00:00:00Z unless told otherwise. */
export class ManualClock implements SandboxClock {
  private current: number;

  constructor(startMs: number = Date.UTC(2025, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

/** A clock that runs ahead of another by an offset, which the admin route can grow. */
export class OffsetClock implements SandboxClock {
  private offset = 0;

  constructor(private readonly base: SandboxClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
