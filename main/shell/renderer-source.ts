import { appOrigin, type AppOrigin } from '../ipc/trusted-sender';
import { appEntryUrl } from './app-protocol';

/** Where the window loads the renderer from, and the one origin the IPC sender check trusts. */
export interface RendererSource {
  entryUrl: string;
  origin: AppOrigin;
  /** True when a development server serves the renderer (`npm run dev`). */
  dev: boolean;
}

/**
 * The built renderer on `app://bundle`, or, for `npm run dev` only, Vite's dev server named by
 * MP_RENDERER_DEV_URL. A packaged app ignores the variable, and only http://127.0.0.1:<port> is
 * accepted, so no environment variable can hand a remote page the trusted bridge.
 */
export function rendererSource(isPackaged: boolean, env: Record<string, string | undefined>): RendererSource {
  const raw = isPackaged ? undefined : env.MP_RENDERER_DEV_URL;
  if (!raw) return { entryUrl: appEntryUrl, origin: appOrigin, dev: false };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('MP_RENDERER_DEV_URL must be http://127.0.0.1:<port>');
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port || url.username || url.password)
    throw new Error('MP_RENDERER_DEV_URL must be http://127.0.0.1:<port>');
  return {
    entryUrl: new URL('/index.html', url).href,
    origin: { protocol: url.protocol, host: url.host },
    dev: true,
  };
}
