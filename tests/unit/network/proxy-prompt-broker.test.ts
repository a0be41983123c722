import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProxySignInRequest } from '../../../common/proxy-sign-in';
import { AppError } from '../../../common/result';
import { ProxyPromptBroker } from '../../../main/network/proxy-prompt-broker';

const proxy = { host: '127.0.0.1', port: 8888, realm: 'Corp' };

function broker(timeoutMs?: number) {
  const shown: Array<ProxySignInRequest | null> = [];
  return { shown, broker: new ProxyPromptBroker((request) => shown.push(request), timeoutMs) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the proxy sign-in dialog’s broker', () => {
  it('publishes the question and resolves the prompt with the dialog’s answer', async () => {
    const { shown, broker: b } = broker();
    const answer = b.prompt(proxy, 'required');
    expect(shown).toEqual([{ id: 1, host: '127.0.0.1', port: 8888, realm: 'Corp', reason: 'required' }]);
    expect(b.current()).toEqual(shown[0]);
    expect(b.answer({ id: 1, username: 'advisor', password: 'pw-123456' })).toBe(true);
    await expect(answer).resolves.toEqual({ username: 'advisor', password: 'pw-123456' });
    expect(shown.at(-1)).toBeNull();
    expect(b.current()).toBeNull();
  });

  it('shows questions one at a time, in order, and ignores an answer to a stale question', async () => {
    const { shown, broker: b } = broker();
    const first = b.prompt(proxy, 'required');
    const second = b.prompt({ host: 'other', port: 3128 }, 'wrong');
    expect(shown).toHaveLength(1);
    expect(b.answer({ id: 2, username: 'x', password: 'y' })).toBe(false);
    expect(b.cancel(1)).toBe(true);
    await expect(first).resolves.toBeNull();
    expect(shown.at(-1)).toEqual({ id: 2, host: 'other', port: 3128, reason: 'wrong' });
    expect(b.answer({ id: 2, username: 'x', password: 'y' })).toBe(true);
    await expect(second).resolves.toEqual({ username: 'x', password: 'y' });
  });

  it('refuses an answer that is not valid credentials', () => {
    const { broker: b } = broker();
    void b.prompt(proxy, 'required');
    expect(() => b.answer({ id: 1, username: 'a:b', password: 'x' })).toThrow(AppError);
    expect(() => b.answer({ id: 1, username: '', password: 'x' })).toThrow(/user name/);
    expect(() => b.answer({ id: 1, username: 'a', password: 'x', extra: true })).toThrow(AppError);
    expect(b.current()?.id).toBe(1);
  });

  it('cancels a question nobody answers, and everything on cancelAll', async () => {
    vi.useFakeTimers();
    const { shown, broker: b } = broker(1_000);
    const unanswered = b.prompt(proxy, 'required');
    vi.advanceTimersByTime(1_000);
    await expect(unanswered).resolves.toBeNull();
    const one = b.prompt(proxy, 'required');
    const two = b.prompt(proxy, 'required');
    b.cancelAll();
    await expect(one).resolves.toBeNull();
    await expect(two).resolves.toBeNull();
    expect(shown.at(-1)).toBeNull();
  });
});
