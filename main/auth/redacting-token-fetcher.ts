import { AppError } from '../../common/result';
import type { Redactor } from '../logging/redactor';
import { sentCredentialForms, type TokenFetcher } from './token-client';

/**
 * Wraps the token fetcher so the redactor learns every form of the secret the request carries
 * before it is sent, and the access token as soon as it arrives; an error's message (which may
 * quote the server) is redacted before anyone sees it.
 */
export function redactingTokenFetcher(fetchToken: TokenFetcher, redactor: Redactor): TokenFetcher {
  return async (profile, secret, signal) => {
    for (const form of sentCredentialForms(profile.clientId, secret)) redactor.add(form);
    try {
      const issued = await fetchToken(profile, secret, signal);
      redactor.add(issued.accessToken);
      return issued;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message = redactor.redact(error.message);
      if (message === error.message) throw error;
      // The original is not kept as the cause: its message is exactly what had to go.
      throw new AppError(error.code, message, { retryable: error.retryable });
    }
  };
}
