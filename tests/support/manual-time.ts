import type { Clock } from '../../main/clock';
import type { Timers } from '../../main/update/timers';

interface Scheduled {
  at: number;
  every: number | null;
  fn: () => void;
  cancelled: boolean;
}

/** A clock and timers that move only when the test says: advance() fires whatever falls due, in order. */
export class ManualTime implements Clock, Timers {
  private current: number;
  private readonly scheduled: Scheduled[] = [];

  constructor(start = Date.parse('2026-03-02T09:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): () => void {
    return this.add({ at: this.current + ms, every: null, fn, cancelled: false });
  }

  every(ms: number, fn: () => void): () => void {
    return this.add({ at: this.current + ms, every: ms, fn, cancelled: false });
  }

  /** Timers still armed. */
  pending(): number {
    return this.scheduled.filter((timer) => !timer.cancelled).length;
  }

  /** Moves the clock forward, firing each timer that falls due at its own time; lets promises settle after each. */
  async advance(ms: number): Promise<void> {
    await settle();
    const end = this.current + ms;
    for (;;) {
      const next = this.scheduled.filter((timer) => !timer.cancelled && timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.current = next.at;
      if (next.every === null) next.cancelled = true;
      else next.at += next.every;
      next.fn();
      await settle();
    }
    this.current = end;
    await settle();
  }

  private add(timer: Scheduled): () => void {
    this.scheduled.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
}

/** Lets every promise continuation that is ready run (a few macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
