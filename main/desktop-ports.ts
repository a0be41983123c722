/** The native save dialog, behind an interface: Electron's dialog in the app, a temp folder in tests. */
export interface SaveDialog {
  /** Asks where to save; null when the user cancels. The filter is CSV unless one is given. */
  chooseSavePath(defaultName: string, filter?: SaveFilter): Promise<string | null>;
}

/** A save dialog's file type: its name and extensions (without the dot), e.g. PDF / ["pdf"]. */
export interface SaveFilter {
  name: string;
  extensions: string[];
}

/** OS shell actions main may take for the user. */
export interface ShellActions {
  /** Reveals a file in the OS file manager. */
  showInFolder(path: string): void;
  /** Puts text on the system clipboard. */
  copyText(text: string): void;
}
