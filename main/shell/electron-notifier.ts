import type { Notifier } from '../changes/notifier';

/** What the notifier uses of Electron's Notification class. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string }): {
    on(event: 'click' | 'close', listener: () => void): unknown;
    show(): void;
  };
}

/**
 * The Notifier over Electron's Notification: shown when the OS supports it, its click handled by `onActivate`
 * (bring the window forward) and then the caller's. Shown notifications are held until clicked or closed, so the
 * garbage collector cannot drop their click handler while they are on screen.
 */
export function electronNotifier(Notification: NotificationClass, onActivate: () => void): Notifier {
  const shown = new Set<object>();
  return {
    notify({ title, body }, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        onActivate();
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
  };
}
