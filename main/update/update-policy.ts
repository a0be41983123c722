import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { updateModeSchema, type UpdateMode } from '../../common/update-state';
import type { Logger } from '../logging/logger';

/** What the organisation's policy file decides; null where it decides nothing. */
export interface UpdatePolicy {
  /** The update mode forced on every user of this machine, or null to leave it to each user. */
  updates: UpdateMode | null;
}

/** No policy: each user chooses. */
export const noPolicy: UpdatePolicy = { updates: null };

// Other keys are allowed (a newer policy file on an older app), but a key we know must be valid.
const policyFileSchema = z.object({ updates: updateModeSchema.optional() });

/**
 * Where IT puts policy.json on each OS: a machine-wide folder ordinary users cannot write.
 * Linux /etc/model-portfolios, macOS /Library/Application Support/Model Portfolios,
 * Windows %ProgramData%\Model Portfolios.
 */
export function policyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') {
    return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Model Portfolios', 'policy.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Model Portfolios/policy.json';
  return '/etc/model-portfolios/policy.json';
}

/**
 * Reads the policy file at start. A missing file means no policy; a file that cannot be read or
 * parsed is ignored with a logged warning: a broken policy never stops the app from starting.
 */
export async function readUpdatePolicy(file: string, logger: Logger): Promise<UpdatePolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return noPolicy;
    logger.warn('the policy file could not be read; it is ignored', { file, error });
    return noPolicy;
  }
  let json: unknown;
  try {
    // Windows Notepad saves UTF-8 with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    logger.warn('the policy file is not valid JSON; it is ignored', { file, error });
    return noPolicy;
  }
  const parsed = policyFileSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn('the policy file does not match the expected form; it is ignored', {
      file,
      expected: '{ "updates": "auto" | "ask" | "off" }',
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
    });
    return noPolicy;
  }
  const policy: UpdatePolicy = { updates: parsed.data.updates ?? null };
  logger.info('policy file applied', { file, updates: policy.updates });
  return policy;
}
