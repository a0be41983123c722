import type { Redactor } from './redactor';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The app's logger: every line passes through the redactor before it reaches a sink. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Where redacted lines go: electron-log's file in the app, an array in tests. */
export type LogSink = (level: LogLevel, line: string) => void;

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    // Name, code and message only: never a got error's options, headers or body.
    const code = (value as { code?: unknown }).code;
    // The cause chain is kept (each link described the same way), so the log says what lay beneath.
    const cause = value.cause === undefined ? {} : { cause: value.cause };
    return { name: value.name, ...(typeof code === 'string' ? { code } : {}), message: value.message, ...cause };
  }
  return value;
}

function serialise(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  try {
    return ` ${JSON.stringify(fields, (_key, value: unknown) => describe(value))}`;
  } catch {
    return ' {"fields":"unserialisable"}';
  }
}

/** A logger that redacts, then writes to the sinks. */
export function createLogger(redactor: Redactor, ...sinks: LogSink[]): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const line = redactor.redact(`${message}${serialise(fields)}`);
    for (const sink of sinks) sink(level, line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything (for code that must log but has nowhere to). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
