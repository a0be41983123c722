import path from 'node:path';
import { AppError } from '../../common/result';
import type { ExportKind, ExportOutcome } from '../../common/sync-outcome';
import type { Clock } from '../clock';
import type { SaveDialog, ShellActions } from '../desktop-ports';
import type { Logger } from '../logging/logger';
import { exportHoldingsCsv, exportPortfolioListCsv, type CsvExportResult, type PortfolioSource } from './csv-export';

/** What the export service needs. */
export interface ExportServiceDeps {
  /** The active profile's portfolios on hand (cached or synced), chosen by id or all; NO_DATA when there are none. */
  portfolios: (ids: 'all' | string[]) => Promise<PortfolioSource>;
  clock: Clock;
  saveDialog: SaveDialog;
  shell: ShellActions;
  logger: Logger;
  /** Marks the export as work in progress (updates wait for it). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
}

function dateStamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** CSV export through the native save dialog, from whatever data is on hand (online or not), and revealing what it wrote. */
export class ExportService {
  private readonly exported = new Set<string>();

  constructor(private readonly deps: ExportServiceDeps) {}

  /** Exports the portfolio list or the holdings of some portfolios or all. */
  async exportCsv(kind: ExportKind, ids: 'all' | string[]): Promise<ExportOutcome> {
    const chosen = await this.deps.portfolios(ids);
    const stamp = dateStamp(this.deps.clock.now());
    const defaultName = kind === 'list' ? `model-portfolios-${stamp}.csv` : `model-portfolio-holdings-${stamp}.csv`;
    const target = await this.deps.saveDialog.chooseSavePath(defaultName);
    if (!target) return { status: 'cancelled' };
    const write = () => (kind === 'list' ? exportPortfolioListCsv(chosen, target) : exportHoldingsCsv(chosen, target));
    const result = await (this.deps.track ? this.deps.track(write) : write());
    this.exported.add(result.path);
    this.deps.logger.info('CSV exported', { kind, rows: result.rows, bytes: result.bytes });
    return {
      status: 'saved',
      path: result.path,
      fileName: path.basename(result.path),
      rows: result.rows,
      bytes: result.bytes,
    };
  }

  // Model changes (issue 15)
  /**
   * Saves a CSV that another service writes (trade lists, comparisons) the same way as these: the save dialog
   * (suggesting `defaultName`), tracked as work in progress, revealable afterwards.
   */
  async saveCsv(
    defaultName: string,
    kind: string,
    write: (target: string) => Promise<CsvExportResult>,
  ): Promise<ExportOutcome> {
    const target = await this.deps.saveDialog.chooseSavePath(defaultName);
    if (!target) return { status: 'cancelled' };
    const result = await (this.deps.track ? this.deps.track(() => write(target)) : write(target));
    this.exported.add(result.path);
    this.deps.logger.info('CSV exported', { kind, rows: result.rows, bytes: result.bytes });
    return {
      status: 'saved',
      path: result.path,
      fileName: path.basename(result.path),
      rows: result.rows,
      bytes: result.bytes,
    };
  }

  /** The date stamp export file names carry (today, UTC). */
  stamp(): string {
    return dateStamp(this.deps.clock.now());
  }

  /** Reveals a file this session exported; any other path is refused. */
  showInFolder(filePath: string): boolean {
    if (!this.exported.has(filePath)) throw new AppError('VALIDATION', 'Only files this app exported can be shown.');
    this.deps.shell.showInFolder(filePath);
    return true;
  }

  /** Lets "Show in folder" reveal a file another part of main saved for the user (a factsheet PDF). */
  allowShowing(filePath: string): void {
    this.exported.add(filePath);
  }
}
