import { type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A body: text, bytes, or a generator of chunks streamed with back-pressure (sent chunked, no Content-Length). */
export type ReplyBody = string | Buffer | (() => AsyncIterable<string | Buffer> | Iterable<string | Buffer>);

/** An HTTP answer a route computes before anything is written, so faults can alter or replace it. */
export interface Reply {
  status: number;
  headers: Record<string, string | number | string[]>;
  body?: ReplyBody;
}

/** Content-Type of every JSON answer. */
export const jsonContentType = 'application/json; charset=utf-8';

/** A JSON answer. */
export function jsonReply(status: number, value: unknown, headers: Reply['headers'] = {}): Reply {
  return { status, headers: { 'Content-Type': jsonContentType, ...headers }, body: JSON.stringify(value) };
}

/** An error answer shaped like RFC 6749 §5.2: {"error", "error_description"}. */
export function errorReply(status: number, error: string, description: string, headers: Reply['headers'] = {}): Reply {
  return jsonReply(status, { error, error_description: description }, headers);
}

/** The 404 every unknown path gets. */
export function notFoundReply(): Reply {
  return jsonReply(404, { error: 'not_found' });
}

/** The 405 a known path gets for a method it does not serve. */
export function methodNotAllowedReply(allowed: string): Reply {
  return jsonReply(405, { error: 'method_not_allowed', error_description: `Use ${allowed}.` }, { Allow: allowed });
}

/** Writes a reply; resolves when it is fully written or the client went away. */
export async function sendReply(res: ServerResponse, reply: Reply): Promise<void> {
  if (res.destroyed || res.headersSent) return;
  const body = reply.body;
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
    const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const bodiless = reply.status === 204 || reply.status === 304;
    res.writeHead(reply.status, bodiless ? reply.headers : { ...reply.headers, 'Content-Length': bytes?.length ?? 0 });
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.end(bytes, resolve);
    });
    return;
  }
  res.writeHead(reply.status, reply.headers);
  await pipeline(Readable.from(body()), res).catch(() => undefined);
}
