import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../../common/contract';
import { createBridge, type BridgeTransport } from '../../../preload/bridge';

function recordingTransport(answer: unknown = { ok: true, value: 'answer' }) {
  const invoked: Array<[string, unknown]> = [];
  const subscribed = new Map<string, (payload: unknown) => void>();
  const transport: BridgeTransport = {
    invoke: (channel, arg) => {
      invoked.push([channel, arg]);
      return Promise.resolve(answer);
    },
    subscribe: (name, listener) => {
      subscribed.set(name, listener);
      return () => subscribed.delete(name);
    },
  };
  return { transport, invoked, subscribed };
}

describe('createBridge', () => {
  it('exposes one verb per request channel, grouped by domain', () => {
    const api = createBridge(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of Object.keys(contract.requests)) {
      const [domain, verb] = channel.split(':') as [string, string];
      expect(typeof api[domain]?.[verb]).toBe('function');
    }
  });

  it('exposes an onX subscriber per event and nothing generic', () => {
    const api = createBridge(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    expect(typeof api.menu?.onCommand).toBe('function');
    const names = Object.values(api).flatMap((domain) => Object.keys(domain));
    expect(names).not.toContain('invoke');
    expect(names).not.toContain('send');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('sends the verb on its channel and passes main’s result through', async () => {
    const { transport, invoked } = recordingTransport({ ok: true, value: 42 });
    const api = createBridge(transport);
    await expect(api.app.info()).resolves.toEqual({ ok: true, value: 42 });
    expect(invoked).toEqual([['app:info', undefined]]);
  });

  it('turns a broken transport into a coded result instead of a throw', async () => {
    const api = createBridge({ invoke: () => Promise.reject(new Error('channel closed')), subscribe: () => () => {} });
    await expect(api.app.info()).resolves.toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_UNAVAILABLE', retryable: true },
    });
  });

  it('delivers events to subscribers and stops after unsubscribe', () => {
    const { transport, subscribed } = recordingTransport();
    const api = createBridge(transport);
    const listener = vi.fn();
    const unsubscribe = api.menu.onCommand(listener);
    subscribed.get('menu:command')?.('export-list');
    expect(listener).toHaveBeenCalledWith('export-list');
    unsubscribe();
    expect(subscribed.has('menu:command')).toBe(false);
  });

  it('is frozen, so the page cannot swap a verb', () => {
    const api = createBridge(recordingTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });
});
