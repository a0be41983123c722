import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { updateModeSchema, type UpdateMode } from '../../common/update-state';
import { writeFileAtomic } from '../fs/atomic-file';
import type { Logger } from '../logging/logger';

/** The user's own update settings, kept beside (not inside) settings.json. */
export interface UpdateSettings {
  mode: UpdateMode;
  /** ISO time the last check finished, or null before the first. */
  lastCheckedAt: string | null;
}

/** A new install: updates on, never checked. */
export const defaultUpdateSettings: UpdateSettings = { mode: 'auto', lastCheckedAt: null };

const fileSchema = z.object({
  version: z.literal(1),
  mode: updateModeSchema,
  lastCheckedAt: z.iso.datetime().nullable(),
});

/** update-settings.json in the user-data folder: validated on load, written atomically. */
export class UpdateSettingsStore {
  readonly file: string;

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(userDataDir, 'update-settings.json');
  }

  /** Reads the settings; a missing file gives the defaults, a damaged one the defaults and a warning. */
  async load(): Promise<UpdateSettings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn('the update settings could not be read; using the defaults', { error });
      }
      return defaultUpdateSettings;
    }
    try {
      const { mode, lastCheckedAt } = fileSchema.parse(JSON.parse(text));
      return { mode, lastCheckedAt };
    } catch (error) {
      this.logger.warn('the update settings file was damaged; using the defaults', { error });
      return defaultUpdateSettings;
    }
  }

  /** Writes the settings atomically (temp file, fsync, rename). */
  async save(settings: UpdateSettings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const body = JSON.stringify({ version: 1, ...settings }, null, 2);
    await writeFileAtomic(this.file, [Buffer.from(`${body}\n`)], 0o600);
  }
}
