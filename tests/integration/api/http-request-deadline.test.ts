import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { versionedAccept } from '../../../main/api/api-version';
import { sendHttpRequest, type HttpRequest } from '../../../main/api/http-request';
import { startSandbox, type Sandbox } from '../../../sandbox';

// A call's deadline reaches every exchange of the call (a redirect hop, a proxy's sign-in and resend, the next
// proxy): each one's timeout is cut to what is left, and none starts once the deadline has passed.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ faults: true, portfolios: 5 });
});

afterAll(async () => {
  await sandbox.close();
});

const listRequest = (extra: Partial<HttpRequest>): HttpRequest => ({
  url: `${sandbox.baseUrl}/model-portfolios`,
  method: 'GET',
  headers: { accept: versionedAccept },
  timeoutMs: 30_000,
  maxBytes: 1024 * 1024,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('an exchange under a call deadline', () => {
  it('is not sent once the deadline has passed', async () => {
    const before = sandbox.counters.requests.list;
    const error = await failure(sendHttpRequest(listRequest({ deadline: performance.now() - 1 })));
    expect(error.code).toBe('TIMEOUT');
    expect(sandbox.counters.requests.list).toBe(before);
  });

  it('times out at the deadline when its own timeout is longer', async () => {
    sandbox.faults.enqueue('list', { kind: 'stall' });
    // Its own timeout is longer than the test may run: only the deadline can end it in time.
    const request = listRequest({ timeoutMs: 10 * 60_000, deadline: performance.now() + 300 });
    const error = await failure(sendHttpRequest(request));
    expect(error.code).toBe('TIMEOUT');
  });

  it('is answered as usual before the deadline', async () => {
    const response = await sendHttpRequest(listRequest({ deadline: performance.now() + 10_000 }));
    // Without a token the sandbox refuses it: what matters is that it was sent and answered.
    expect(response.status).toBe(401);
  });
});
