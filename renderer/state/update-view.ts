import type { BusyActivity, UpdateMode, UpdateState } from '../../common/update-state';
import { formatPercent, formatRelative, formatWhen } from '../format/format';

/** What the status bar shows about updates: a line, why it waits, "What's new", progress, and its one button. */
export interface UpdateStatusView {
  label: string;
  /** Why nothing happens yet (a sync or an export runs), or null. */
  detail: string | null;
  /** One line of "What's new" from the release notes, or null. */
  whatsNew: string | null;
  /** 0..1 while downloading; null otherwise. */
  progress: number | null;
  /** The progress in words, e.g. "42 %". */
  progressText: string | null;
  /** The button the status bar offers: "Download" (not in mode 'auto') or "Restart to update". */
  action: 'download' | 'restart' | null;
}

const activityWords: Record<BusyActivity, string> = { sync: 'the sync', export: 'the export' };

/**
 * The status bar's update slot, or null when it shows nothing: updates stay quiet while idle,
 * checking, up to date or unsupported, and a failure is never shown here (About and diagnostics).
 */
export function describeUpdateStatus(state: UpdateState): UpdateStatusView | null {
  const quiet = { detail: null, progress: null, progressText: null, action: null };
  switch (state.phase) {
    case 'available': {
      const { version, whatsNew } = state.release;
      const waiting = state.waitingFor ? `Downloads when ${activityWords[state.waitingFor]} finishes.` : null;
      const action = state.mode !== 'auto' && !state.waitingFor && state.canCheck ? 'download' : null;
      return { ...quiet, label: `Update ${version} available`, detail: waiting, whatsNew, action };
    }
    case 'downloading': {
      const fraction = Math.min(1, Math.max(0, state.progress.percent / 100));
      return {
        ...quiet,
        label: `Downloading update ${state.release.version}`,
        whatsNew: state.release.whatsNew,
        progress: fraction,
        progressText: formatPercent(fraction, 0),
      };
    }
    case 'ready':
      return {
        ...quiet,
        label: `Update ${state.release.version} is ready`,
        whatsNew: state.release.whatsNew,
        action: 'restart',
      };
    case 'installing': {
      const detail = state.waitingFor ? `Restarts when ${activityWords[state.waitingFor]} finishes.` : null;
      return { ...quiet, label: 'Restarting to update…', detail, whatsNew: state.release.whatsNew };
    }
    default:
      return null;
  }
}

/** Settings → Updates: the mode, whether it can be changed (and why not), the summary line, and "Check now". */
export interface UpdateSettingsView {
  mode: UpdateMode;
  /** Greyed out: the organisation's policy sets the mode, or this copy cannot update itself. */
  locked: boolean;
  /** Why the setting is greyed out, or null. */
  note: string | null;
  /** Where updates stand, in one sentence. */
  summary: string;
  /** "What's new in 0.2.0: …" while a release is on offer, downloading or ready; else null. */
  whatsNew: string | null;
  /** Whether "Check now" is offered, and whether it can be pressed now. */
  check: 'offered' | 'busy' | 'hidden';
}

function lastChecked(state: UpdateState, now: number): string {
  return state.lastCheckedAt ? `Last checked ${formatRelative(state.lastCheckedAt, now)}.` : 'Not checked yet.';
}

function summaryOf(state: UpdateState, now: number): string {
  switch (state.phase) {
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `You have the latest version (${state.currentVersion}). ${lastChecked(state, now)}`;
    case 'available':
      return `Version ${state.release.version} is available.`;
    case 'downloading':
      return `Downloading version ${state.release.version}…`;
    case 'ready':
      return `Version ${state.release.version} is downloaded: restart the app to update.`;
    case 'installing':
      return 'Restarting to update…';
    case 'unsupported':
      return `Version ${state.currentVersion}.`;
    default:
      return `Version ${state.currentVersion}. ${lastChecked(state, now)}`;
  }
}

/** Describes the update state for Settings → Updates. */
export function describeUpdateSettings(state: UpdateState, now: number = Date.now()): UpdateSettingsView {
  const unsupported = state.phase === 'unsupported';
  const note = unsupported
    ? 'This copy of the app cannot update itself (a development run or an unpacked folder).'
    : state.managed
      ? 'Managed by your organisation: ask your IT department to change it.'
      : null;
  const busy = ['checking', 'downloading', 'ready', 'installing'].includes(state.phase);
  const release = 'release' in state ? state.release : null;
  return {
    mode: state.mode,
    locked: unsupported || state.managed,
    note,
    summary: summaryOf(state, now),
    whatsNew: release?.whatsNew ? `What’s new in ${release.version}: ${release.whatsNew}` : null,
    check: !state.canCheck || unsupported ? 'hidden' : busy ? 'busy' : 'offered',
  };
}

/** About: when updates were last looked for, and the last problem in plain words (calmly, never as an alert). */
export interface UpdateAboutView {
  lastChecked: string;
  /** The last failure's message and when it happened, or null. */
  problem: string | null;
}

/** Describes the update state for About. */
export function describeUpdateAbout(state: UpdateState, now: number = Date.now()): UpdateAboutView {
  return {
    lastChecked: state.lastCheckedAt
      ? `${formatWhen(state.lastCheckedAt, now)} (${formatRelative(state.lastCheckedAt, now)})`
      : 'Never',
    problem: state.lastProblem ? `${state.lastProblem.error.message} (${formatWhen(state.lastProblem.at, now)})` : null,
  };
}
