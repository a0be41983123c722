/** Timers behind an interface, so tests fire them by hand; each call returns the function that cancels it. */
export interface Timers {
  /** Runs fn once after ms. */
  after(ms: number, fn: () => void): () => void;
  /** Runs fn every ms. */
  every(ms: number, fn: () => void): () => void;
}

/** Node's timers, unref'd so they never keep the app (or a test run) alive on their own. */
export const systemTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};
