import type { UpdateState } from '../../common/update-state';

/** The updates line of the diagnostics report: mode (and who set it), where the updater is, the last check and problem. */
export function updateDiagnosticsLine(state: UpdateState): string {
  const mode = `${state.mode}${state.managed ? ' (set by the organisation’s policy file)' : ''}`;
  const release = 'release' in state ? ` ${state.release.version}` : '';
  const problem = state.lastProblem
    ? `; last problem ${state.lastProblem.error.code} at ${state.lastProblem.at}: ${state.lastProblem.error.message}`
    : '';
  return `Updates: ${mode}; ${state.phase}${release}; version ${state.currentVersion}; last checked ${state.lastCheckedAt ?? 'never'}${problem}`;
}
