import { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** What a route needs to know about a request, its body already read. */
export interface RequestContext {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Largest request body the sandbox reads (1 MiB); bigger bodies get 413. */
export const maxRequestBodyBytes = 1024 * 1024;

/** Reads a request body as UTF-8, or resolves null when it is larger than the limit (still draining it all). */
export async function readBody(req: IncomingMessage, limit = maxRequestBodyBytes): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

/** One header's value as a single string (repeated headers joined with ", "), or undefined. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
