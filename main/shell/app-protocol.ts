import type { Protocol } from 'electron';
import { appOrigin } from '../ipc/trusted-sender';
import { rendererResponse } from '../renderer-files';

/** The custom scheme, without its colon. */
export const appScheme = appOrigin.protocol.replace(/:$/, '');

/** The URL the window loads. */
export const appEntryUrl = `${appOrigin.protocol}//${appOrigin.host}/index.html`;

/** Declares the app scheme secure and standard; must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on the app scheme, with the CSP on every response. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appOrigin.host) return new Response('Not found', { status: 404 });
    const response = await rendererResponse(rendererDir, request.url);
    return new Response(new Uint8Array(response.body), { status: response.status, headers: response.headers });
  });
}
