/** The parts of a sending frame the check needs (Electron's WebFrameMain, or the harness's frame). */
export interface SenderFrame {
  readonly url: string;
  /** Null for a main (top-level) frame. */
  readonly parent: unknown;
}

/** Where the app's own renderer is served from. */
export interface AppOrigin {
  protocol: string;
  host: string;
}

/** The custom scheme and host the Electron shell serves the renderer from. */
export const appOrigin: AppOrigin = { protocol: 'app:', host: 'bundle' };

/** True only for a main frame showing a page of the app's own origin. */
export function isTrustedSender(frame: SenderFrame | null | undefined, origin: AppOrigin = appOrigin): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === origin.protocol && url.host === origin.host && url.username === '' && url.password === '';
}
