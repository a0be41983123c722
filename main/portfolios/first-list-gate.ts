/**
 * Holds the start-up sync until the renderer has had the cached list of this load (or a grace period ran out),
 * so the first paint never waits behind the network: cache open → list → state, and the sync after.
 */
export class FirstListGate {
  private readonly served = new WeakSet<object>();
  private readonly waiting = new Map<object, () => void>();

  /** The list of this load is being handed out: a sync waiting for it goes once the answer is on its way. */
  serve(load: object): void {
    this.served.add(load);
    const done = this.waiting.get(load);
    if (done) setImmediate(done);
  }

  /** Resolves once the list of this load has been handed out, or after `graceMs` (at once when 0). */
  wait(load: object, graceMs: number): Promise<void> {
    if (graceMs <= 0 || this.served.has(load)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(load);
        resolve();
      };
      const timer = setTimeout(done, graceMs);
      timer.unref?.();
      this.waiting.set(load, done);
    });
  }

  /** Lets every waiting sync go now (dispose, profile switch). */
  release(): void {
    for (const done of [...this.waiting.values()]) done();
  }
}
