import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import { apiGet, basicAuth, form, getToken, postDocTokenRequest, rawRequest, versionedAccept } from './helpers';

const formType = 'application/x-www-form-urlencoded';

describe('POST /oauth/token', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const start = async (options: SandboxOptions = {}): Promise<Sandbox> => (sandbox = await startSandbox(options));
  const post = (s: Sandbox, headers: Record<string, string>, body: string): Promise<Response> =>
    fetch(`${s.baseUrl}/oauth/token`, { method: 'POST', headers, body });
  const json = async (response: Response): Promise<Record<string, unknown>> =>
    (await response.json()) as Record<string, unknown>;

  describe('what it accepts', () => {
    it('accepts the RFC 6749 form with the credentials in the body', async () => {
      const s = await start();
      const response = await post(
        s,
        { 'Content-Type': formType },
        form({
          grant_type: 'client_credentials',
          client_id: s.credentials.clientId,
          client_secret: s.credentials.clientSecret,
        }),
      );
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ accessTtoken: expect.any(String), expiresIn: 86400 });
    });

    it('accepts the RFC 6749 form with the credentials as HTTP Basic', async () => {
      const s = await start();
      const response = await post(
        s,
        { 'Content-Type': formType, Authorization: basicAuth(s.credentials.clientId, s.credentials.clientSecret) },
        form({ grant_type: 'client_credentials' }),
      );
      expect(response.status).toBe(200);
    });

    it('accepts Basic credentials with characters that need form-encoding', async () => {
      const credentials = { clientId: 'partner client', clientSecret: 'p@ss:wörd+1' };
      const s = await start({ credentials });
      const response = await post(
        s,
        { 'Content-Type': formType, Authorization: basicAuth(credentials.clientId, credentials.clientSecret) },
        form({ grant_type: 'client_credentials' }),
      );
      expect(response.status).toBe(200);
    });

    it('uses the given credentials instead of generated ones', async () => {
      const s = await start({ credentials: { clientId: 'my-id', clientSecret: 'my-secret' } });
      expect(s.credentials).toEqual({ clientId: 'my-id', clientSecret: 'my-secret' });
      expect((await postDocTokenRequest(s)).status).toBe(200);
    });

    it('generates different random demo credentials for every sandbox', async () => {
      const a = await startSandbox();
      const b = await startSandbox();
      try {
        expect(a.credentials.clientId).not.toBe(b.credentials.clientId);
        expect(a.credentials.clientSecret).not.toBe(b.credentials.clientSecret);
        expect(a.credentials.clientSecret.length).toBeGreaterThanOrEqual(43);
        expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(a.baseUrl).not.toBe(b.baseUrl);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('answers accessToken with tokenStyle camel', async () => {
      const s = await start({ tokenStyle: 'camel' });
      expect(Object.keys(await json(await postDocTokenRequest(s)))).toEqual(['accessToken', 'expiresIn', 'tokenType']);
    });

    it('answers the RFC 6749 names with tokenStyle rfc', async () => {
      const s = await start({ tokenStyle: 'rfc' });
      const body = await json(await postDocTokenRequest(s));
      expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    });

    it('issues random base64url tokens of at least 32 bytes, a new one each time', async () => {
      const s = await start();
      const tokens = await Promise.all([getToken(s), getToken(s), getToken(s)]);
      for (const token of tokens) expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
      expect(new Set(tokens).size).toBe(3);
      expect(s.issuedTokens()).toEqual(expect.arrayContaining(tokens));
      expect(s.issuedTokens()).toHaveLength(3);
    });
  });

  describe("mode 'rfc' (a standards-only server)", () => {
    it('accepts the form with body credentials and answers the RFC names', async () => {
      const s = await start({ mode: 'rfc' });
      const response = await post(
        s,
        { 'Content-Type': formType },
        form({
          grant_type: 'client_credentials',
          client_id: s.credentials.clientId,
          client_secret: s.credentials.clientSecret,
        }),
      );
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 86400,
      });
    });

    it('accepts the form with HTTP Basic', async () => {
      const s = await start({ mode: 'rfc' });
      const response = await post(
        s,
        { 'Content-Type': formType, Authorization: basicAuth(s.credentials.clientId, s.credentials.clientSecret) },
        'grant_type=client_credentials',
      );
      expect(response.status).toBe(200);
    });

    it("rejects the doc's JSON body with 400 invalid_request", async () => {
      const s = await start({ mode: 'rfc' });
      const response = await postDocTokenRequest(s);
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
    });
  });

  describe('errors, as RFC 6749 §5.2', () => {
    it('answers a wrong secret with 401 invalid_client and no WWW-Authenticate', async () => {
      const s = await start();
      const response = await postDocTokenRequest(s, { clientId: s.credentials.clientId, clientSecret: 'wrong' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    });

    it('answers an unknown client id with 401 invalid_client', async () => {
      const s = await start();
      const response = await postDocTokenRequest(s, {
        clientId: 'someone-else',
        clientSecret: s.credentials.clientSecret,
      });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'invalid_client' });
    });

    it('answers wrong Basic credentials with 401 invalid_client and a Basic WWW-Authenticate challenge', async () => {
      const s = await start();
      const response = await post(
        s,
        { 'Content-Type': formType, Authorization: basicAuth(s.credentials.clientId, 'wrong') },
        'grant_type=client_credentials',
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
      expect(await json(response)).toMatchObject({ error: 'invalid_client' });
    });

    it('answers malformed Basic credentials with 401 invalid_client and a challenge', async () => {
      const s = await start();
      const response = await post(
        s,
        { 'Content-Type': formType, Authorization: 'Basic !!!' },
        'grant_type=client_credentials',
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    });

    it('answers missing client credentials with 401 invalid_client', async () => {
      const s = await start();
      const response = await post(s, { 'Content-Type': 'application/json' }, '{"grant_type":"client_credentials"}');
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'invalid_client' });
    });

    it('answers a grant type other than client_credentials with 400 unsupported_grant_type', async () => {
      const s = await start();
      const response = await post(
        s,
        { 'Content-Type': 'application/json' },
        JSON.stringify({
          client_id: s.credentials.clientId,
          client_secret: s.credentials.clientSecret,
          grant_type: 'password',
        }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toMatchObject({ error: 'unsupported_grant_type' });
    });

    const invalidRequests: Array<[string, Record<string, string>, (s: Sandbox) => string]> = [
      ['a body that is not JSON', { 'Content-Type': 'application/json' }, () => '{"client_id": '],
      ['a JSON array', { 'Content-Type': 'application/json' }, () => '["client_credentials"]'],
      [
        'a missing grant_type',
        { 'Content-Type': 'application/json' },
        (s) => JSON.stringify({ client_id: s.credentials.clientId, client_secret: s.credentials.clientSecret }),
      ],
      [
        'a non-string field',
        { 'Content-Type': 'application/json' },
        (s) =>
          JSON.stringify({ client_id: s.credentials.clientId, client_secret: 42, grant_type: 'client_credentials' }),
      ],
      ['an unsupported Content-Type', { 'Content-Type': 'text/plain' }, () => 'grant_type=client_credentials'],
      [
        'a repeated form parameter',
        { 'Content-Type': formType },
        (s) =>
          `grant_type=client_credentials&grant_type=client_credentials&client_id=${s.credentials.clientId}&client_secret=${s.credentials.clientSecret}`,
      ],
      [
        'credentials both as Basic and in the body',
        {},
        (s) =>
          form({
            grant_type: 'client_credentials',
            client_id: s.credentials.clientId,
            client_secret: s.credentials.clientSecret,
          }),
      ],
    ];
    it.each(invalidRequests)('answers %s with 400 invalid_request', async (what, headers, body) => {
      const s = await start();
      const extra: Record<string, string> =
        what === 'credentials both as Basic and in the body'
          ? { 'Content-Type': formType, Authorization: basicAuth(s.credentials.clientId, s.credentials.clientSecret) }
          : {};
      const response = await post(s, { ...headers, ...extra }, body(s));
      expect(response.status).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    });

    it('answers GET with 405 and Allow: POST', async () => {
      const s = await start();
      const response = await fetch(`${s.baseUrl}/oauth/token`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('answers an unsupported API version in Accept with 406 unsupported_version', async () => {
      const s = await start();
      const response = await fetch(`${s.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { Accept: 'application/json; version=2.0.0', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_id: s.credentials.clientId,
          client_secret: s.credentials.clientSecret,
          grant_type: 'client_credentials',
        }),
      });
      expect(response.status).toBe(406);
      expect(await json(response)).toMatchObject({ error: 'unsupported_version' });
    });

    it('answers a body over 1 MiB with 413', async () => {
      const s = await start();
      const response = await rawRequest(`${s.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: versionedAccept },
        body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }),
      });
      expect(response.status).toBe(413);
    });
  });

  describe('token lifetime', () => {
    it('uses the configured tokenTtlSeconds, and the token really expires then on the sandbox clock', async () => {
      const clock = new ManualClock();
      const s = await start({ tokenTtlSeconds: 60, clock });
      const body = await json(await postDocTokenRequest(s));
      expect(body.expiresIn).toBe(60);
      const token = body.accessTtoken as string;
      clock.advance(59_999);
      expect((await apiGet(s, '/model-portfolios', token)).status).toBe(200);
      clock.advance(1);
      const expired = await apiGet(s, '/model-portfolios', token);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error_description: string }).error_description).toMatch(/expired/);
    });

    it('makes every issued token invalid after revokeTokens(), while new tokens work', async () => {
      const s = await start();
      const old = await getToken(s);
      s.revokeTokens();
      const refused = await apiGet(s, '/model-portfolios', old);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect((await apiGet(s, '/model-portfolios', await getToken(s))).status).toBe(200);
    });
  });
});
