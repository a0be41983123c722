import { useState } from 'react';
import type { ProfileView } from '../../common/profile';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import type { Notice } from './useNotice';

/** What Settings does with the connections, and how it is going. */
export interface ProfileActions {
  activate(profile: ProfileView): void;
  signOut(profile: ProfileView): void;
  remove(profile: ProfileView, last: boolean): Promise<void>;
  startDemo(): void;
  copyDiagnostics(): void;
  /** An action is under way (the buttons wait). */
  busy: boolean;
  demoStarting: boolean;
  /** Why the last action failed, until the next one starts. */
  error: AppErrorData | null;
}

/** Where Settings' actions lead. */
export interface ProfileActionEffects {
  onNotice(notice: Notice): void;
  onDemoStarted(): void;
  onRemovedLast(): void;
}

/**
 * Settings' calls to main. Each finishes once main's `profiles:changed` has refreshed the list on
 * screen (nothing is re-read or patched here), then says what it did.
 */
export function useProfileActions({ onNotice, onDemoStarted, onRemovedLast }: ProfileActionEffects): ProfileActions {
  const [error, setError] = useState<AppErrorData | null>(null);
  const settles = [queryKeys.profiles];
  const info = (message: string) => onNotice({ kind: 'info', message });
  const activate = useMainAction((p: ProfileView) => api().profiles.activate({ profileId: p.id }), {
    settles,
    onSuccess: (_, p) => info(`Now using “${p.name}”.`),
    onError: setError,
  });
  const signOut = useMainAction((p: ProfileView) => api().auth.signOut({ profileId: p.id }), {
    settles,
    onSuccess: (_, p) =>
      info(
        `Signed out of “${p.name}”: the access token was forgotten. The next sync signs in again with the stored secret.`,
      ),
    onError: setError,
  });
  const remove = useMainAction(
    ({ profile }: { profile: ProfileView; last: boolean }) => api().profiles.remove({ profileId: profile.id }),
    {
      settles,
      onSuccess: (_, { profile, last }) => {
        info(`Deleted “${profile.name}” with its secret, token and offline copy.`);
        if (last) onRemovedLast();
      },
      onError: setError,
    },
  );
  const demo = useMainAction(() => api().demo.start(), { settles, onSuccess: onDemoStarted, onError: setError });
  const diagnostics = useMainAction(() => api().app.copyDiagnostics(), {
    onSuccess: () => info('Diagnostics copied to the clipboard. Paste them into your message to support.'),
    onError: setError,
  });
  const start = <A>(run: (arg: A) => Promise<unknown>, arg: A) => {
    setError(null);
    return run(arg);
  };
  return {
    activate: (p) => void start(activate.run, p),
    signOut: (p) => void start(signOut.run, p),
    remove: async (profile, last) => void (await start(remove.run, { profile, last })),
    startDemo: () => void start(demo.run, undefined),
    copyDiagnostics: () => void start(diagnostics.run, undefined),
    busy: [activate, signOut, remove, demo, diagnostics].some((action) => action.pending),
    demoStarting: demo.pending,
    error,
  };
}
