import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../common/result';
import { plainCause } from '../api/plain-cause';
import { proxyAddress, type ProxyServer } from './proxy-entry';

const untrustedCertificate = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** The proxy itself could not be reached (refused, unresolved, reset before answering, TLS to it failed). */
export function proxyUnreachable(server: ProxyServer, cause: unknown): AppError {
  const code = String((cause as { code?: unknown } | null)?.code ?? '');
  const where = `the proxy at ${proxyAddress(server)}`;
  const message = untrustedCertificate.test(code)
    ? `The app could not reach ${where}: its certificate is not trusted on this computer. Ask IT to install the company's root certificate, or check the proxy in Settings.`
    : `The app could not reach ${where}. Check the proxy in Settings (or ask IT whether it is running); cached data is shown meanwhile.`;
  return new AppError('PROXY_UNREACHABLE', message, { cause: plainCause(cause) });
}

/**
 * The proxy answered a CONNECT with another status than 200. 500, 502, 503 and 504 mean it could not
 * reach the API (NETWORK_UNREACHABLE: offline, retried); anything else is PROXY_REFUSED with the status.
 */
export function tunnelRefused(server: ProxyServer, status: number, target: string): AppError {
  if (status === 500 || status === 502 || status === 503 || status === 504) {
    return new AppError(
      'NETWORK_UNREACHABLE',
      `The proxy at ${proxyAddress(server)} could not reach ${target} (HTTP ${status}). Check your network connection; cached data is shown meanwhile.`,
    );
  }
  return new AppError(
    'PROXY_REFUSED',
    `The proxy at ${proxyAddress(server)} refused to connect the app to ${target} (HTTP ${status}). Ask IT to allow ${target} through the proxy.`,
  );
}

/** The proxy refused a SOCKS connection to the API (the SOCKS server's own answer, not a network failure). */
export function socksRefused(server: ProxyServer, target: string, cause: unknown): AppError {
  return new AppError(
    'PROXY_REFUSED',
    `The SOCKS proxy at ${proxyAddress(server)} refused to connect the app to ${target}. Ask IT to allow ${target} through the proxy.`,
    { cause: plainCause(cause) },
  );
}

/** The proxy asks for sign-in with schemes the app cannot use (NTLM, Negotiate, ...). */
export function proxyAuthUnsupported(server: ProxyServer, schemes: readonly string[]): AppError {
  const named = schemes.length ? schemes.map((scheme) => scheme.toUpperCase()).join(' or ') : 'an unknown method';
  return new AppError(
    'PROXY_AUTH_UNSUPPORTED',
    `The proxy at ${proxyAddress(server)} asks for ${named} sign-in, which the app cannot use. Ask IT to let the API's address through the proxy without sign-in, or to allow Basic sign-in (docs/network.md has the details for IT).`,
  );
}

/**
 * A proxy's 407: carried as an error out of the CONNECT (https-proxy-agent) so the route can sign in
 * and try again; if it ever escapes the route it is still a coded PROXY_AUTH_REQUIRED.
 */
export class ProxyChallenge extends AppError {
  constructor(
    readonly server: ProxyServer,
    readonly headers: IncomingHttpHeaders,
  ) {
    super('PROXY_AUTH_REQUIRED');
  }
}

/** The first AppError in an error's cause chain (got wraps what an agent throws). */
export function appErrorIn(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
