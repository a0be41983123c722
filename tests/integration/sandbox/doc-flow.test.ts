import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, type Sandbox } from '../../../sandbox/server';
import { apiGet, postDocTokenRequest, versionedAccept } from './helpers';

// The partner doc (authentication-flow.txt), its typos corrected: `-request`=`--request`, `-URL`=`--url`,
// `-header`=`--header`, and `Bearer "${ACCESS_TOKEN}"` means the token with no quotes.
describe('the partner doc, replayed step by step', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('step 1: the JSON token request gets accessTtoken, expiresIn 86400 and tokenType "bearer"', async () => {
    sandbox = await startSandbox();
    const response = await postDocTokenRequest(sandbox);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['accessTtoken', 'expiresIn', 'tokenType']);
    expect(body.accessTtoken).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/));
    expect(body.expiresIn).toBe(86400);
    expect(body.tokenType).toBe('bearer');
  });

  it('step 2: GET /model-portfolios with the versioned Accept and Bearer <token> lists the portfolios', async () => {
    sandbox = await startSandbox();
    const { accessTtoken } = (await (await postDocTokenRequest(sandbox)).json()) as { accessTtoken: string };
    const response = await fetch(`${sandbox.baseUrl}/model-portfolios`, {
      method: 'GET',
      headers: { Accept: versionedAccept, Authorization: `Bearer ${accessTtoken}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ id: string; name: string }>; total: number; next: null };
    expect(body.total).toBe(40);
    expect(body.data).toHaveLength(40);
    expect(body.next).toBeNull();
    expect(body.data[0]).toMatchObject({ id: 'mp-000001', name: expect.any(String) });
  });

  it("step 2 refuses the token wrapped in the doc's literal quotes", async () => {
    sandbox = await startSandbox();
    const { accessTtoken } = (await (await postDocTokenRequest(sandbox)).json()) as { accessTtoken: string };
    const response = await fetch(`${sandbox.baseUrl}/model-portfolios`, {
      headers: { Accept: versionedAccept, Authorization: `Bearer "${accessTtoken}"` },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('step 3: the token expires after 24 hours, and a new one from step 1 works again', async () => {
    const clock = new ManualClock();
    sandbox = await startSandbox({ clock });
    const first = ((await (await postDocTokenRequest(sandbox)).json()) as { accessTtoken: string }).accessTtoken;

    clock.advance(24 * 3600 * 1000 - 1);
    expect((await apiGet(sandbox, '/model-portfolios', first)).status).toBe(200);

    clock.advance(1);
    const expired = await apiGet(sandbox, '/model-portfolios', first);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await expired.json()).toMatchObject({ error: 'invalid_token' });

    const second = ((await (await postDocTokenRequest(sandbox)).json()) as { accessTtoken: string }).accessTtoken;
    expect(second).not.toBe(first);
    expect((await apiGet(sandbox, '/model-portfolios', second)).status).toBe(200);
  });
});
