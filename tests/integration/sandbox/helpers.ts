import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type Sandbox } from '../../../sandbox/server';

/** The Accept header the partner doc sends. */
export const versionedAccept = 'application/json; version=1.0.0';

/** A response read to its end (or as far as the server sent it). */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the promised body arrived. */
  complete: boolean;
}

/** Sends one request on a fresh connection (no keep-alive, no retries) and reads the raw answer. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const finish = (): void =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
        });
      res.on('end', finish);
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Step 1 of the doc, typos corrected: POST the JSON body with the versioned Accept; returns the response. */
export function postDocTokenRequest(
  sandbox: Sandbox,
  credentials: { clientId: string; clientSecret: string } = sandbox.credentials,
): Promise<Response> {
  return fetch(`${sandbox.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { Accept: versionedAccept, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: 'client_credentials',
    }),
  });
}

/** Gets a token the doc's way (default token style) and returns it. */
export async function getToken(sandbox: Sandbox): Promise<string> {
  const response = await postDocTokenRequest(sandbox);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as Record<string, unknown>;
  const token = body.accessTtoken ?? body.accessToken ?? body.access_token;
  if (typeof token !== 'string') throw new Error(`no token in ${JSON.stringify(body)}`);
  return token;
}

/** Step 2 of the doc, typos corrected: GET a path with the versioned Accept and `Authorization: Bearer <token>`. */
export function apiGet(
  sandbox: Sandbox,
  pathOrUrl: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sandbox.baseUrl}${pathOrUrl}`;
  return fetch(url, { headers: { Accept: versionedAccept, Authorization: `Bearer ${token}`, ...headers } });
}

/** Form-urlencodes a record, as an RFC 6749 client does. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An HTTP Basic header for client credentials (form-urlencoded first, RFC 6749 §2.3.1). */
export function basicAuth(clientId: string, clientSecret: string): string {
  const encode = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/** Waits until a condition holds, polling (for "the server has received the request" checks). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
