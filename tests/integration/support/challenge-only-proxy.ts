import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in proxy that answers every request and CONNECT with 407, offering only the given schemes. */
export interface ChallengeOnlyProxy {
  port: number;
  /** How many requests and CONNECTs it refused. */
  refused: number;
  close(): Promise<void>;
}

/**
 * Stands in for a proxy that accepts only Windows sign-in (NTLM / Negotiate): no such proxy can run
 * here, and the app only reads its 407 (it never answers an NTLM challenge), so the 407 is all it needs.
 */
export async function startChallengeOnlyProxy(schemes: string[]): Promise<ChallengeOnlyProxy> {
  const headerLines = schemes.map((scheme) => `Proxy-Authenticate: ${scheme}\r\n`).join('');
  const state = { refused: 0 };
  const server = createServer((_req, res) => {
    state.refused += 1;
    for (const scheme of schemes) res.appendHeader('proxy-authenticate', scheme);
    res.writeHead(407, { 'content-length': '0', connection: 'close' }).end();
  });
  server.on('connect', (_req, socket) => {
    state.refused += 1;
    socket.end(
      `HTTP/1.1 407 Proxy Authentication Required\r\n${headerLines}Content-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
