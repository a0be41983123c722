import got, { type Method, type Response } from 'got';
import { AppError } from '../../common/result';

/** One HTTP exchange as the app needs it: no redirects followed, no retries, a capped body. */
export interface HttpRequest {
  url: string;
  method: Method;
  headers: Record<string, string>;
  body?: string;
  /** Whole-request timeout (connect to last byte). */
  timeoutMs: number;
  /** The body is aborted past this many bytes. */
  maxBytes: number;
  signal?: AbortSignal;
}

/** What came back: status, headers and the whole (capped) body. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  url: string;
}

/** Maps a transport failure to a coded error that carries nothing of the request (no headers, no body). */
export function classifyTransportError(error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof AppError) return reason;
    return new AppError('TIMEOUT');
  }
  // got's timeouts say ETIMEDOUT; refused, reset, unresolved or cut-off connections are all "unreachable".
  const code = (error as { code?: unknown } | null)?.code;
  return new AppError(code === 'ETIMEDOUT' ? 'TIMEOUT' : 'NETWORK_UNREACHABLE');
}

/** Sends one request with got and reads the body up to the cap; throws coded errors only. */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  let stream: ReturnType<typeof got.stream> | undefined;
  try {
    stream = got.stream(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      followRedirect: false,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: request.timeoutMs },
      decompress: true,
      signal: request.signal,
    });
    const active = stream;
    const response = await new Promise<Response>((resolve, reject) => {
      active.once('response', resolve);
      active.once('error', reject);
    });
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > request.maxBytes) {
      active.destroy();
      throw new AppError('RESPONSE_TOO_LARGE');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of active as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > request.maxBytes) {
        active.destroy();
        throw new AppError('RESPONSE_TOO_LARGE');
      }
      chunks.push(chunk);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.concat(chunks, size),
      url: request.url,
    };
  } catch (error) {
    stream?.destroy();
    throw classifyTransportError(error, request.signal);
  }
}

/** Reads one header as a single string (first value when repeated). */
export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
