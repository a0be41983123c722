import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { electronNotifier, type NotificationClass } from '../../../main/shell/electron-notifier';

function fakeNotificationClass(supported: boolean) {
  const created: Array<EventEmitter & { options: { title: string; body: string }; shown: boolean }> = [];
  class Fake extends EventEmitter {
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      created.push(this);
    }
    static isSupported() {
      return supported;
    }
    show() {
      this.shown = true;
    }
  }
  return { Notification: Fake as unknown as NotificationClass, created };
}

describe('the Notifier over Electron’s Notification', () => {
  it('shows the notification, and on click brings the app forward before the caller’s action', () => {
    const { Notification, created } = fakeNotificationClass(true);
    const order: string[] = [];
    const notifier = electronNotifier(Notification, () => order.push('activate'));
    notifier.notify({ title: 'Model portfolios changed', body: '3 model portfolios changed' }, () =>
      order.push('list'),
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.options).toEqual({ title: 'Model portfolios changed', body: '3 model portfolios changed' });
    expect(created[0]!.shown).toBe(true);
    expect(order).toEqual([]);
    created[0]!.emit('click');
    expect(order).toEqual(['activate', 'list']);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { Notification, created } = fakeNotificationClass(false);
    electronNotifier(Notification, () => {}).notify({ title: 't', body: 'b' }, () => {});
    expect(created).toEqual([]);
  });
});
