import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { profileSchema, type Profile } from '../../common/profile';
import { AppError, type AppErrorData } from '../../common/result';
import { writeFileAtomic } from '../fs/atomic-file';
import { describeFileError } from '../fs/file-error-words';

/** The settings file's content: profile metadata only, never a secret. */
export interface Settings {
  profiles: Profile[];
  activeProfileId: string | null;
}

const settingsFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(profileSchema),
  activeProfileId: z.string().nullable(),
});

/** What loading found: the settings, and a notice when a damaged file had to be set aside. */
export interface SettingsLoad {
  settings: Settings;
  notice: AppErrorData | null;
}

const empty = (): Settings => ({ profiles: [], activeProfileId: null });

/** The settings file in the user-data folder: validated on load, written atomically. */
export class SettingsStore {
  readonly file: string;

  constructor(
    userDataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(userDataDir, 'settings.json');
  }

  /** Reads the settings; a damaged or invalid file is renamed aside and empty settings returned with a notice. */
  async load(): Promise<SettingsLoad> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: empty(), notice: null };
      throw new AppError(
        'SETTINGS_UNREADABLE',
        `The settings file could not be read (${describeFileError(error)}). It was left as it is; the app tries again on the next action.`,
        { cause: error },
      );
    }
    const parsed = (() => {
      try {
        return settingsFileSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (parsed?.success) {
      const { profiles, activeProfileId } = parsed.data;
      const ids = new Set(profiles.map((p) => p.id));
      return {
        settings: { profiles, activeProfileId: activeProfileId && ids.has(activeProfileId) ? activeProfileId : null },
        notice: null,
      };
    }
    const aside = `${this.file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, aside);
    const notice = new AppError(
      'SETTINGS_CORRUPT',
      `The settings file was damaged, so it was set aside as ${path.basename(aside)} and the app started with empty settings. Add your connection again; secrets in the keychain were not touched.`,
    ).toData();
    return { settings: empty(), notice };
  }

  /** Writes the settings atomically (temp file, fsync, rename). */
  async save(settings: Settings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const body = JSON.stringify({ version: 1, ...settings }, null, 2);
    await writeFileAtomic(this.file, [Buffer.from(`${body}\n`)], 0o600);
  }
}
