import { useCallback, useEffect, useState } from 'react';
import type { ProfilesState } from '../../common/profiles-state';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';

/** The connection profiles as main reports them, with a way to replace them after a change. */
export interface ProfilesHandle {
  state: ProfilesState | null;
  error: AppErrorData | null;
  /** Asks main again. */
  reload(): Promise<void>;
  /** Takes a state a profiles:* call returned. */
  set(state: ProfilesState): void;
}

/** Loads `profiles:list` once and keeps it. */
export function useProfiles(): ProfilesHandle {
  const [state, setState] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const reload = useCallback(async () => {
    const result = await api().profiles.list();
    if (result.ok) {
      setState(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);
  useEffect(() => {
    let live = true;
    void api()
      .profiles.list()
      .then((result) => {
        if (!live) return;
        if (result.ok) setState(result.value);
        else setError(result.error);
      });
    return () => {
      live = false;
    };
  }, []);
  const set = useCallback((next: ProfilesState) => {
    setState(next);
    setError(null);
  }, []);
  return { state, error, reload, set };
}
