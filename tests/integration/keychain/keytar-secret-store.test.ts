import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../main/keychain/keytar-secret-store';

// The real OS keychain: on Linux, the Secret Service of the private D-Bus session the test command starts.
const store = new KeytarSecretStore(`com.modelportfolios.test.${randomUUID()}`);
const account = `profile-${randomUUID()}`;

afterAll(async () => {
  await store.delete(account).catch(() => false);
});

describe('KeytarSecretStore against the real keychain', () => {
  it('answers the probe', async () => {
    const status = await store.probe();
    if (!status.available) {
      throw new Error(`No keychain answered: ${status.reason}. Run the tests through \`npm test\`, which starts one.`);
    }
    expect(status).toEqual({ available: true });
  });

  it('sets, reads back, replaces and deletes a secret', async () => {
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first-secret ünïcode ✓');
    expect(await store.get(account)).toBe('first-secret ünïcode ✓');
    await store.set(account, 'second-secret');
    expect(await store.get(account)).toBe('second-secret');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps services apart', async () => {
    const other = new KeytarSecretStore(`com.modelportfolios.test.${randomUUID()}`);
    await store.set(account, 'mine');
    expect(await other.get(account)).toBeNull();
    await store.delete(account);
  });
});

describe('KeytarSecretStore with no keychain reachable', () => {
  it('reports a coded error with the fix, and never falls back to plaintext', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      import { KeytarSecretStore } from './main/keychain/keytar-secret-store.ts';
      const store = new KeytarSecretStore('com.modelportfolios.test.nobus');
      const probe = await store.probe();
      let setError = null;
      try { await store.set('a', 'b'); } catch (e) { setError = { code: e.code, message: e.message }; }
      console.log(JSON.stringify({ probe, setError }));
    `;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
    const run = spawnSync('tsx', ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
    const outcome = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
      probe: { available: boolean; reason?: string };
      setError: { code: string; message: string } | null;
    };
    expect(outcome.probe.available).toBe(false);
    expect(outcome.probe.reason).toMatch(/Secret Service/);
    expect(outcome.setError?.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(outcome.setError?.message).toMatch(/install and unlock a Secret Service/);
  });
});
