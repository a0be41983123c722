const tails = new Map<string, Promise<unknown>>();

/**
 * Runs tasks for the same key one after another, across every caller in this process: two PortfolioCache
 * objects for one profile can then never interleave a read's set-aside with a write's rename.
 */
export function runExclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
