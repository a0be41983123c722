import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { changeSettingsSchema, defaultChangeSettings, type ChangeSettings } from '../../common/change-views';
import { AppError } from '../../common/result';
import { writeFileAtomic } from '../fs/atomic-file';
import { describeFileError } from '../fs/file-error-words';
import type { Logger } from '../logging/logger';

const fileSchema = z.object({ version: z.literal(1), settings: changeSettingsSchema }).strict();

/**
 * model-change-settings.json in the user-data folder (app-wide, beside settings.json): validated on load, a missing
 * or damaged file giving the defaults, written atomically; read once, then served from memory.
 */
export class ChangeSettingsStore {
  readonly file: string;
  private current: Promise<ChangeSettings> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(userDataDir, 'model-change-settings.json');
  }

  /** The settings in force. */
  load(): Promise<ChangeSettings> {
    this.current ??= this.read();
    return this.current;
  }

  /** Changes some settings and writes them atomically; PREFERENCES_WRITE_FAILED leaves the old ones in force. */
  save(patch: Partial<ChangeSettings>): Promise<ChangeSettings> {
    const next = this.writes.then(async () => {
      const settings = changeSettingsSchema.parse({ ...(await this.load()), ...patch });
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        const body = JSON.stringify({ version: 1, settings }, null, 2);
        await writeFileAtomic(this.file, [Buffer.from(`${body}\n`)], 0o600);
      } catch (error) {
        throw new AppError(
          'PREFERENCES_WRITE_FAILED',
          `The setting could not be saved (${describeFileError(error)}). The previous one stays in force.`,
          { cause: error },
        );
      }
      this.current = Promise.resolve(settings);
      return settings;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<ChangeSettings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn('the model-change settings could not be read; using the defaults', { error });
      return defaultChangeSettings;
    }
    try {
      return fileSchema.parse(JSON.parse(text)).settings;
    } catch (error) {
      this.logger.warn('the model-change settings file was damaged; using the defaults', { error });
      return defaultChangeSettings;
    }
  }
}
