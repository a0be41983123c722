import { useEffect, useEffectEvent } from 'react';

/** Calls `resync` when the OS reports the network is back (main also retries on a schedule). */
export function useOnlineResync(enabled: boolean, resync: () => void): void {
  const onOnline = useEffectEvent(resync);
  useEffect(() => {
    if (!enabled) return;
    const listener = () => onOnline();
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  }, [enabled]);
}
