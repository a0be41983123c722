import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeTransport } from './bridge';

/** The bridge transport over Electron IPC; the only preload file that touches ipcRenderer. */
export const ipcTransport: BridgeTransport = {
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe(eventName, listener) {
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventName, relay);
    return () => {
      ipcRenderer.removeListener(eventName, relay);
    };
  },
};
