import { useUpdateState } from '../data/update-queries';
import { useNow } from '../hooks/useNow';
import { describeUpdateAbout } from '../state/update-view';

/** About's update facts (inside its list): the last check, and the last problem in plain words, calmly. */
export function UpdateAboutFacts() {
  const state = useUpdateState();
  const now = useNow();
  if (!state) return null;
  const view = describeUpdateAbout(state, now);
  return (
    <>
      <dt>Last checked for updates</dt>
      <dd data-testid="update-last-checked">{view.lastChecked}</dd>
      {view.problem ? (
        <>
          <dt>Last update problem</dt>
          <dd data-testid="update-last-problem">{view.problem}</dd>
        </>
      ) : null}
    </>
  );
}
