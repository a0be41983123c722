import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../common/csp';

/** A response for one renderer file: what the app protocol (or the test harness) sends back. */
export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

function plain(status: number, text: string): RendererResponse {
  return {
    status,
    headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(text),
  };
}

/** Serves a file of the built renderer for a request URL; refuses anything outside the folder. */
export async function rendererResponse(rendererDir: string, requestUrl: string): Promise<RendererResponse> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return plain(400, 'Bad request');
  }
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return plain(403, 'Forbidden');
  try {
    const body = await readFile(file);
    const type = mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { ...securityHeaders, 'content-type': type }, body };
  } catch {
    return plain(404, 'Not found');
  }
}
