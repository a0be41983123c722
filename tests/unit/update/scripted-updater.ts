import type { UpdateProgress, UpdateRelease } from '../../../common/update-state';
import type { UpdateCheckOutcome, Updater } from '../../../main/update/updater';

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function pending<T>(): { promise: Promise<T>; handle: Pending<T> } {
  let handle!: Pending<T>;
  const promise = new Promise<T>((resolve, reject) => {
    handle = { resolve, reject };
  });
  return { promise, handle };
}

/** A release as a feed would offer it. */
export function release(version = '0.2.0'): UpdateRelease {
  return { version, releaseDate: '2026-03-01T12:00:00.000Z', whatsNew: 'Faster sync' };
}

/**
 * The Updater port driven by the test: each check and download waits until the test answers it, so
 * every intermediate state can be looked at. (The real electron-updater is driven in tests/integration/update.)
 */
export class ScriptedUpdater implements Updater {
  checks = 0;
  downloads = 0;
  installs = 0;
  /** Every value the service set for install-on-quit, in order. */
  installOnQuit: boolean[] = [];
  installError: Error | null = null;
  private check$: Pending<UpdateCheckOutcome> | null = null;
  private download$: (Pending<void> & { onProgress: (p: UpdateProgress) => void; signal: AbortSignal }) | null = null;
  private readonly errorListeners = new Set<(error: unknown) => void>();

  check(): Promise<UpdateCheckOutcome> {
    this.checks++;
    const { promise, handle } = pending<UpdateCheckOutcome>();
    this.check$ = handle;
    return promise;
  }

  download(onProgress: (progress: UpdateProgress) => void, signal: AbortSignal): Promise<void> {
    this.downloads++;
    const { promise, handle } = pending<void>();
    this.download$ = { ...handle, onProgress, signal };
    signal.addEventListener(
      'abort',
      () => {
        if (this.download$?.signal === signal) this.download$ = null;
        handle.reject(new Error('cancelled'));
      },
      { once: true },
    );
    return promise;
  }

  setInstallOnQuit(enabled: boolean): void {
    this.installOnQuit.push(enabled);
  }

  quitAndInstall(): void {
    this.installs++;
    if (this.installError) throw this.installError;
  }

  onError(listener: (error: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** True while a check waits for its answer. */
  get checking(): boolean {
    return this.check$ !== null;
  }

  /** True while a download runs. */
  get downloadRunning(): boolean {
    return this.download$ !== null;
  }

  /** The abort signal of the running download. */
  get downloadSignal(): AbortSignal | null {
    return this.download$?.signal ?? null;
  }

  answerCheck(outcome: UpdateCheckOutcome): void {
    this.takeCheck().resolve(outcome);
  }

  failCheck(error: unknown): void {
    this.takeCheck().reject(error);
  }

  progress(percent: number, totalBytes = 1_000_000): void {
    if (!this.download$) throw new Error('no download is running');
    const transferredBytes = Math.round((totalBytes * percent) / 100);
    this.download$.onProgress({ percent, transferredBytes, totalBytes, bytesPerSecond: 250_000 });
  }

  finishDownload(): void {
    this.takeDownload().resolve();
  }

  failDownload(error: unknown): void {
    this.takeDownload().reject(error);
  }

  /** An error the updater reports on its own (e.g. a native install step). */
  report(error: unknown): void {
    for (const listener of this.errorListeners) listener(error);
  }

  private takeCheck(): Pending<UpdateCheckOutcome> {
    const check = this.check$;
    if (!check) throw new Error('no check is waiting for an answer');
    this.check$ = null;
    return check;
  }

  private takeDownload(): Pending<void> {
    const download = this.download$;
    if (!download) throw new Error('no download is running');
    this.download$ = null;
    return download;
  }
}
