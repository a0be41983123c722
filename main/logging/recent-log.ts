import type { LogLevel, LogSink } from './logger';

/** Keeps the last warnings and errors (already redacted) for the diagnostics report. */
export class RecentLog {
  private readonly entries: string[] = [];

  constructor(private readonly capacity = 50) {}

  /** The sink to add to the logger. */
  readonly sink: LogSink = (level: LogLevel, line: string) => {
    if (level !== 'warn' && level !== 'error') return;
    this.entries.push(`${new Date().toISOString()} ${level.toUpperCase()} ${line}`);
    if (this.entries.length > this.capacity) this.entries.shift();
  };

  /** The kept lines, oldest first. */
  lines(): string[] {
    return [...this.entries];
  }
}
