// The Chromium harness's stand-in for preload/index.ts: the same bridge factory, with a transport
// over Playwright's exposeBinding instead of ipcRenderer. Bundled by esbuild and injected as an init script.
import { bridgeGlobalName, createBridge, type BridgeTransport } from '../../../preload/bridge';

interface HarnessWindow {
  __mpInvoke(channel: string, arg: unknown): Promise<unknown>;
  __mpEmit?: (name: string, payload: unknown) => void;
}

const host = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

host.__mpEmit = (name, payload) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
};

const transport: BridgeTransport = {
  invoke: (channel, arg) => host.__mpInvoke(channel, arg),
  subscribe(eventName, listener) {
    const set = listeners.get(eventName) ?? new Set();
    listeners.set(eventName, set);
    set.add(listener);
    return () => set.delete(listener);
  },
};

Object.defineProperty(window, bridgeGlobalName, {
  value: createBridge(transport),
  writable: false,
  configurable: false,
});
