import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/result';
import { writeFileAtomic } from '../fs/atomic-file';
import { describeFileError } from '../fs/file-error-words';
import type { Logger } from '../logging/logger';

// Marks are lists of pairs, not objects keyed by id: a portfolio id comes from the partner and could be "__proto__".
const fileSchema = z
  .object({
    version: z.literal(1),
    profiles: z.array(z.object({ profileId: z.string(), marks: z.array(z.tuple([z.string(), z.string()])) }).strict()),
  })
  .strict();

/** One profile's marks: portfolio id → the lastChangedAt the user has seen. */
export type SeenMarks = ReadonlyMap<string, string>;

const none: SeenMarks = new Map();

/**
 * The per-portfolio "seen" marks of every profile, in model-changes-seen.json in the user-data folder: for each
 * portfolio, the time of the last change the user looked at. A change after it is "changed since my last look".
 * Read once, served from memory, written atomically after each change; a damaged file starts afresh (with a warning).
 */
export class SeenMarksStore {
  readonly file: string;
  private loaded: Promise<Map<string, Map<string, string>>> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(userDataDir, 'model-changes-seen.json');
  }

  /** A profile's marks. */
  async marks(profileId: string): Promise<SeenMarks> {
    return (await this.load()).get(profileId) ?? none;
  }

  /**
   * Marks portfolios as seen up to their given change times, dropping marks of portfolios no longer listed
   * (`keep`); answers how many marks moved. Nothing is written when none did.
   */
  mark(profileId: string, seen: ReadonlyMap<string, string>, keep: ReadonlySet<string>): Promise<number> {
    return this.change(async (all) => {
      const before = all.get(profileId) ?? none;
      const own = new Map([...before].filter(([id]) => keep.has(id)));
      let moved = 0;
      for (const [id, changedAt] of seen) {
        if (own.get(id) === changedAt) continue;
        own.set(id, changedAt);
        moved += 1;
      }
      // Nothing moved: own is before minus dropped marks, so the same size means the same marks.
      if (moved === 0 && own.size === before.size) return { result: 0, write: false };
      all.set(profileId, own);
      return { result: moved, write: true };
    });
  }

  /** Forgets a deleted profile's marks. */
  forget(profileId: string): Promise<void> {
    return this.change(async (all) => ({ result: undefined, write: all.delete(profileId) }));
  }

  private change<T>(apply: (all: Map<string, Map<string, string>>) => Promise<{ result: T; write: boolean }>) {
    const next = this.writes.then(async () => {
      const all = await this.load();
      const { result, write } = await apply(all);
      if (write) await this.write(all);
      return result;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async write(all: Map<string, Map<string, string>>): Promise<void> {
    const profiles = [...all].map(([profileId, marks]) => ({ profileId, marks: [...marks] }));
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, [Buffer.from(`${JSON.stringify({ version: 1, profiles })}\n`)], 0o600);
    } catch (error) {
      // Memory already holds the new marks: the next successful write carries them.
      throw new AppError(
        'PREFERENCES_WRITE_FAILED',
        `Which changes you have seen could not be saved (${describeFileError(error)}). Try again.`,
        { cause: error },
      );
    }
  }

  private load(): Promise<Map<string, Map<string, string>>> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<Map<string, Map<string, string>>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn('the seen marks could not be read; every change shows as new', { error });
      return new Map();
    }
    try {
      const { profiles } = fileSchema.parse(JSON.parse(text));
      return new Map(profiles.map(({ profileId, marks }) => [profileId, new Map(marks)]));
    } catch (error) {
      this.logger.warn('the seen marks file was damaged; every change shows as new', { error });
      return new Map();
    }
  }
}
