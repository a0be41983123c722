import path from 'node:path';
import log from 'electron-log/node';
import type { LogSink } from './logger';

/**
 * Writes already-redacted lines to electron-log's rotating file (1 MB, one old file kept) in the given
 * logs folder. electron-log's Node build is used, not its Electron one: the latter registers its own
 * ipcMain channels (with no sender check) for renderer logging, which this app does not want.
 */
export function electronLogSink(logsDir: string): LogSink {
  log.transports.file.resolvePathFn = () => path.join(logsDir, 'main.log');
  log.transports.file.maxSize = 1024 * 1024;
  // Owner-only: the log is redacted, but it is nobody else's business which servers the app talks to.
  log.transports.file.writeOptions = { encoding: 'utf8', flag: 'a', mode: 0o600 };
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : false;
  return (level, line) => log[level](line);
}
