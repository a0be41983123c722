import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo } from 'node:net';
import { type PaginationStyle } from './options';
import { jsonReply, sendReply, type Reply } from './reply';
import { readBody } from './request-context';
import { listPath } from './routes';

/** One request the foreign origin received, exactly as it arrived. */
export interface RecordedRequest {
  method: string;
  /** Absolute URL (the foreign origin + path + query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The second, "other origin" server that redirect faults point at; it records everything it receives. */
export interface ForeignServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The most requests the foreign origin keeps (oldest dropped first), so its record cannot grow without bound. */
export const maxRecordedRequests = 1_000;

/**
 * Starts the recording origin on 127.0.0.1 (random port, HTTPS when given a certificate); list GETs get
 * an empty list in the sandbox's shape. It runs only when fault injection is on, and keeps the last
 * `maxRecordedRequests` requests.
 */
export async function startForeignServer(
  pagination: PaginationStyle,
  tls?: { cert: string; key: string },
): Promise<ForeignServer> {
  const requests: RecordedRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = (await readBody(req).catch(() => '')) ?? '';
      const url = new URL(req.url ?? '/', baseUrl);
      requests.push({ method: req.method ?? '', url: url.href, headers: { ...req.headers }, body });
      if (requests.length > maxRecordedRequests) requests.splice(0, requests.length - maxRecordedRequests);
      await sendReply(res, answer(req.method ?? '', url.pathname, pagination));
    })().catch(() => res.destroy());
  };
  const server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, handler) : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(method: string, pathname: string, pagination: PaginationStyle): Reply {
  if (method !== 'GET' || pathname !== listPath) return jsonReply(200, { ok: true });
  switch (pagination) {
    case 'next-link':
      return jsonReply(200, { data: [], next: null, total: 0 });
    case 'cursor':
      return jsonReply(200, { items: [], nextCursor: null });
    case 'link-header':
    case 'none':
      return jsonReply(200, []);
  }
}
