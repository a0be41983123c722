import { useEffect, useState } from 'react';
import type { AppInfo } from '../../common/app-info';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';

/** Loading, loaded or failed: the state of a one-off request to main. */
export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: AppErrorData };

/** Asks main for `app:info` once. */
export function useAppInfo(): Loadable<AppInfo> {
  const [info, setInfo] = useState<Loadable<AppInfo>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void api()
      .app.info()
      .then((result) => {
        if (!live) return;
        setInfo(result.ok ? { state: 'ready', value: result.value } : { state: 'error', error: result.error });
      });
    return () => {
      live = false;
    };
  }, []);
  return info;
}
