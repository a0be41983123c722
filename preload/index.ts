import { contextBridge } from 'electron';
import { bridgeGlobalName, createBridge } from './bridge';
import { ipcTransport } from './ipc-transport';

// Runs sandboxed: exposes the contract's domain verbs, never ipcRenderer itself.
contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcTransport));
