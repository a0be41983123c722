import { readFileSync } from 'node:fs';
import { ipcRenderer } from 'electron';
export const leak = [readFileSync, ipcRenderer];
