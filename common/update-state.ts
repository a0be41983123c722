import { z } from 'zod';
import type { AppErrorData } from './result';

/** How the app looks for updates: on its own and downloads them, asks before downloading, or not at all. */
export const updateModes = ['auto', 'ask', 'off'] as const;
/** One of the update modes (Settings → Updates; or forced by the organisation's policy file). */
export type UpdateMode = (typeof updateModes)[number];
/** Parses an update mode at a boundary (the policy file, the settings file, `update:setMode`). */
export const updateModeSchema = z.enum(updateModes);

/** Plain-language names of the modes, for Settings → Updates. */
export const updateModeLabels: Record<UpdateMode, string> = {
  auto: 'Automatically',
  ask: 'Ask before downloading',
  off: 'Off',
};

/** Work the app is doing that an update download or install waits for. */
export type BusyActivity = 'sync' | 'export';

/** A newer release the feed offers this machine. */
export interface UpdateRelease {
  version: string;
  /** ISO time the release was published, when the feed says. */
  releaseDate: string | null;
  /** One plain line of "What's new" from the release notes, or null when there are none. */
  whatsNew: string | null;
}

/** How far a download is. */
export interface UpdateProgress {
  /** 0–100. */
  percent: number;
  transferredBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
}

/** A failed check, download or install: the coded error and when it happened. */
export interface UpdateProblem {
  error: AppErrorData;
  /** ISO time. */
  at: string;
}

/** Where the updater is; each phase carries what the status bar needs for it. */
export type UpdatePhase =
  /** Nothing done yet this run (waiting for the first sync), or updates are off. */
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'up-to-date' }
  /** A newer release exists: waiting for the user's "Download" ('ask'), or for a sync or export to end. */
  | { phase: 'available'; release: UpdateRelease; waitingFor: BusyActivity | null }
  | { phase: 'downloading'; release: UpdateRelease; progress: UpdateProgress }
  /** Downloaded and verified: "Restart to update"; otherwise installed when the app quits if installOnQuit. */
  | { phase: 'ready'; release: UpdateRelease; installOnQuit: boolean }
  /** The user said restart: waiting for a sync or export to end, then the app quits and installs. */
  | { phase: 'installing'; release: UpdateRelease; waitingFor: BusyActivity | null }
  | { phase: 'error'; problem: UpdateProblem }
  /** This copy cannot update itself (a development run, or a package the OS manages). */
  | { phase: 'unsupported' };

/** Everything the renderer shows about updates: status bar, Settings → Updates, About. */
export type UpdateState = UpdatePhase & {
  currentVersion: string;
  /** The mode in force: the organisation's when managed, else the user's choice. */
  mode: UpdateMode;
  /** True when the organisation's policy file sets the mode (Settings greys it out). */
  managed: boolean;
  /** Whether "Check now" is allowed (false when the organisation turned updates off, or no updater could start). */
  canCheck: boolean;
  /** ISO time the last check finished, whatever its outcome; kept across runs. */
  lastCheckedAt: string | null;
  /** The last failure, kept for About and diagnostics until a check succeeds. */
  lastProblem: UpdateProblem | null;
};

/** The phase names, for code that switches on them. */
export type UpdatePhaseName = UpdatePhase['phase'];
