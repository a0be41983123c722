import { useEffect, useState } from 'react';
import { notConfiguredState, type ConnectionState } from '../../common/connection-state';
import { api } from '../bridge';

/** The connection state main publishes (asked once, then kept current from events and sync progress). */
export function useConnectionState(): ConnectionState {
  const [state, setState] = useState<ConnectionState>(notConfiguredState);
  useEffect(() => {
    let live = true;
    let seenEvent = false;
    const bridge = api();
    const offState = bridge.connection.onState((next) => {
      seenEvent = true;
      setState(next);
    });
    const offProgress = bridge.sync.onProgress((progress) => {
      setState((current) => (current.status === 'syncing' ? { ...current, progress } : current));
    });
    void bridge.connection.state().then((result) => {
      if (live && result.ok && !seenEvent) setState(result.value);
    });
    return () => {
      live = false;
      offState();
      offProgress();
    };
  }, []);
  return state;
}
