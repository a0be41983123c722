import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { ApiClient } from '../../../main/api/api-client';
import { createTokenFetcher } from '../../../main/auth/token-client';
import { systemClock } from '../../../main/clock';
import { parseCliArgs } from '../../../sandbox/cli-args';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { Capture, privateKeychain, sandboxProfile, settle } from '../support/auth-fixture';
import { testRouter } from '../support/network-fixture';
import { versionedAccept } from './helpers';

/** One HTTPS request on a fresh connection, trusting exactly `ca` (or the default store when undefined). */
function httpsRequest(
  url: string,
  ca: string[] | undefined,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function tokenOver(sandbox: Sandbox, ca: string[]): Promise<string> {
  const answer = await httpsRequest(`${sandbox.baseUrl}/oauth/token`, ca, {
    method: 'POST',
    headers: { accept: versionedAccept, 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      grant_type: 'client_credentials',
    }),
  });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { accessTtoken: string }).accessTtoken;
}

function peerCertificate(sandbox: Sandbox): Promise<PeerCertificate> {
  const { port } = new URL(sandbox.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), ca: [sandbox.caPem!] }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

const running: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of running.splice(0)) await sandbox.close();
});

async function tlsSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox({ tls: true, portfolios: 12, faults: true });
  running.push(sandbox);
  return sandbox;
}

describe('the sandbox over TLS', () => {
  it('serves https on 127.0.0.1 with a certificate for 127.0.0.1, ::1 and localhost, signed by the CA it exposes', async () => {
    const sandbox = await tlsSandbox();
    expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.foreign.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const peer = new X509Certificate((await peerCertificate(sandbox)).raw);
    const ca = new X509Certificate(sandbox.caPem!);
    expect(ca.ca).toBe(true);
    expect(peer.ca).toBe(false);
    expect(peer.checkIssued(ca)).toBe(true);
    expect(peer.verify(ca.publicKey)).toBe(true);
    expect(peer.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(peer.checkIP('::1')).toBeDefined();
    expect(peer.checkHost('localhost')).toBe('localhost');
    expect(peer.checkHost('example.com')).toBeUndefined();
  });

  it('answers a client that trusts its CA, and counts the TLS connections', async () => {
    const sandbox = await tlsSandbox();
    const token = await tokenOver(sandbox, [sandbox.caPem!]);
    const list = await httpsRequest(`${sandbox.baseUrl}/model-portfolios`, [sandbox.caPem!], {
      headers: { accept: versionedAccept, authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    expect((JSON.parse(list.body) as { total: number }).total).toBe(12);
    expect(sandbox.counters.connections).toBe(2);
    expect(sandbox.counters.requests).toMatchObject({ token: 1, list: 1 });
  });

  it('is refused by a client that does not trust its CA, and each start makes a new CA', async () => {
    const first = await tlsSandbox();
    const second = await tlsSandbox();
    expect(second.caPem).not.toBe(first.caPem);
    await expect(httpsRequest(`${first.baseUrl}/model-portfolios`, undefined)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    // The other start's CA has the same name but another key: the signature does not verify.
    await expect(httpsRequest(`${first.baseUrl}/model-portfolios`, [second.caPem!])).rejects.toMatchObject({
      code: 'CERT_SIGNATURE_FAILURE',
    });
  });

  it('the app trusts it only through the CA given to its route (never NODE_TLS_REJECT_UNAUTHORIZED)', async () => {
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    const sandbox = await tlsSandbox();
    const capture = new Capture();
    const secrets = privateKeychain();
    const profile = sandboxProfile(sandbox);

    const untrusted = testRouter({ secrets, capture });
    const refused = await settle(
      createTokenFetcher(systemClock, { route: untrusted.routeFor({ mode: 'none' }) })(
        profile,
        sandbox.credentials.clientSecret,
      ),
    );
    expect(refused.ok).toBe(false);
    const error = (refused as { error: AppError }).error;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NETWORK_UNREACHABLE', retryable: false });
    expect(error.message).toMatch(/certificate is not trusted/);
    expect(sandbox.counters.requests.token).toBe(0);

    const trusted = testRouter({ secrets, capture, extraCa: [sandbox.caPem] });
    const route = trusted.routeFor({ mode: 'none' });
    const token = await createTokenFetcher(systemClock, { route })(profile, sandbox.credentials.clientSecret);
    const api = new ApiClient(
      sandbox.baseUrl,
      { getToken: () => Promise.resolve(token.accessToken), invalidate: () => Promise.resolve() },
      { route },
    );
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });
    // The foreign origin serves TLS too, so a cross-origin redirect stays https and still drops the token.
    sandbox.faults.enqueue('list', { kind: 'redirect', status: 302, target: 'foreign' });
    await expect(api.getJson('model-portfolios')).resolves.toMatchObject({ status: 200 });
    expect(sandbox.foreign.requests).toHaveLength(1);
    expect(sandbox.foreign.requests[0]?.headers.authorization).toBeUndefined();
    untrusted.dispose();
    trusted.dispose();
  });
});

describe('the sandbox CLI with --tls', () => {
  it('maps --tls to the tls option', () => {
    expect(parseCliArgs(['--tls'])).toEqual({ help: false, options: { tls: true } });
  });

  it('prints an https base URL and the CA to trust, and serves clients that trust it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--tls', '--portfolios', '5'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('Press Ctrl+C')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the CLI did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const baseUrl = /base URL:\s+(\S+)/.exec(output)?.[1] ?? '';
      const ca = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(output)?.[0] ?? '';
      expect(baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(ca).not.toBe('');
      expect(output).toContain(`curl --cacert sandbox-ca.pem --request POST --url "${baseUrl}/oauth/token"`);
      const clientId = /client id:\s+(\S+)/.exec(output)?.[1] ?? '';
      const clientSecret = /client secret:\s+(\S+)/.exec(output)?.[1] ?? '';
      const answer = await httpsRequest(`${baseUrl}/oauth/token`, [ca], {
        method: 'POST',
        headers: { accept: versionedAccept, 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }),
      });
      expect(answer.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
