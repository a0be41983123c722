import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type HandlerTable } from '../../../main/ipc/dispatcher';
import { AppError } from '../../../common/result';

const info = {
  appName: 'Model Portfolios',
  version: '1.2.3',
  platform: 'linux',
  electronVersion: null,
  keychain: { available: true as const },
};

function table(overrides: Partial<HandlerTable> = {}): HandlerTable {
  return { 'app:info': () => info, ...overrides } as HandlerTable;
}

describe('dispatcher', () => {
  it('answers a known channel with an ok result', async () => {
    const dispatch = createDispatcher(table());
    await expect(dispatch('app:info', undefined)).resolves.toEqual({ ok: true, value: info });
  });

  it('refuses an unknown channel with a coded error', async () => {
    const result = await createDispatcher(table())('fs:readFile', '/etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', retryable: false } });
  });

  it('refuses an argument the schema rejects, naming no value', async () => {
    const result = await createDispatcher(table())('app:info', { secret: 'hunter2-value' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain('app:info');
    expect(result.error.message).not.toContain('hunter2-value');
  });

  it('turns a thrown AppError into its coded result', async () => {
    const dispatch = createDispatcher(
      table({
        'app:info': () => {
          throw new AppError('KEYCHAIN_UNAVAILABLE', 'No keychain here.');
        },
      }),
    );
    await expect(dispatch('app:info', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'No keychain here.', retryable: true },
    });
  });

  it('hides an unexpected error behind INTERNAL and reports it to the sink', async () => {
    const sink = vi.fn();
    const dispatch = createDispatcher(
      table({
        'app:info': () => {
          throw new Error('token abc.def leaked in a stack');
        },
      }),
      sink,
    );
    const result = await dispatch('app:info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('abc.def');
    expect(sink).toHaveBeenCalledWith('app:info', expect.any(Error));
  });

  it('treats prototype keys as unknown channels', async () => {
    const dispatch = createDispatcher(table());
    for (const channel of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(dispatch(channel, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
  });
});
