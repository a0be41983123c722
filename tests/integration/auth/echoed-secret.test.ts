import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionTestReport } from '../../../common/connection-test';
import type { DiagnosticsReport } from '../../../common/diagnostics';
import type { TokenStyle } from '../../../common/profile';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { inStatus, startTestApp, type TestApp } from '../support/app-fixture';

// A gateway that repeats the request in its error_description (the sandbox's echo fault) must not put
// the secret, in any form the app sent it, into what the user sees, copies or the log keeps.

const clientId = 'advisor-desk id';
// Characters that every encoding changes: space, plus, slash, quote, ampersand, equals, non-ASCII.
const clientSecret = 's3cr3t+/ "q"&=ünï/=';

/** Every form of the secret that a token request carries or that a server could echo. */
function secretForms(): string[] {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  return [
    clientSecret,
    JSON.stringify(clientSecret).slice(1, -1),
    encodeURIComponent(clientSecret),
    new URLSearchParams({ v: clientSecret }).toString().slice(2),
    basic,
    basic.replace(/=+$/, ''),
    Buffer.from(clientSecret).toString('base64').replace(/=+$/, ''),
    Buffer.from(`${clientId}:${clientSecret}`).toString('base64').replace(/=+$/, ''),
  ];
}

function leaks(text: string): string[] {
  return secretForms().filter((form) => text.includes(form));
}

let app: TestApp | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  await app?.close();
  await sandbox?.close().catch(() => undefined);
  app = null;
  sandbox = null;
});

describe.each<TokenStyle>(['json', 'form-body', 'form-basic'])(
  'a token endpoint that echoes the %s request',
  (style) => {
    it('shows the error, but no form of the secret, in Test connection, the state, diagnostics and the log', async () => {
      sandbox = await startSandbox({ portfolios: 3, faults: true, credentials: { clientId, clientSecret } });
      app = await startTestApp();
      const draft = { name: 'Echo', baseUrl: sandbox.baseUrl, clientId, tokenStyle: style, secret: clientSecret };

      sandbox.faults.enqueue('token', { kind: 'echo', status: 400 });
      const tested = await app.dispatch('auth:testConnection', { draft });
      expect(tested.ok).toBe(true);
      const report = (tested as { value: ConnectionTestReport }).value;
      const credentials = report.steps.find((step) => step.id === 'credentials')!;
      expect(credentials.status).toBe('failed');
      // The echo really happened (the server's words are shown), with the secret cut out.
      expect(credentials.detail).toContain('Gateway refused POST /oauth/token');
      expect(credentials.detail).toContain('[redacted]');
      expect(leaks(JSON.stringify(report))).toEqual([]);

      sandbox.faults.enqueue('token', { kind: 'echo', status: 400 }, 3);
      const saved = await app.dispatch('profiles:save', draft);
      expect(saved.ok).toBe(true);
      const state = inStatus(await app.waitForState((s) => s.status === 'auth-error'), 'auth-error');
      expect(state.error.code).toBe('INVALID_REQUEST');
      expect(state.error.message).toContain('Gateway refused');
      expect(leaks(JSON.stringify(app.states()))).toEqual([]);

      const diagnostics = await app.dispatch('app:copyDiagnostics', undefined);
      expect(diagnostics.ok).toBe(true);
      expect(leaks((diagnostics as { value: DiagnosticsReport }).value.text)).toEqual([]);
      expect(leaks(app.capture.lines.join('\n'))).toEqual([]);
      expect(leaks(JSON.stringify(app.events))).toEqual([]);
    });
  },
);
