/** A desktop notification: a title and one line of text. */
export interface DesktopNotification {
  title: string;
  body: string;
}

/** Shows desktop notifications: Electron's Notification in the app, a recording one in tests and the harness. */
export interface Notifier {
  /** Shows one notification; `onClick` runs when the user clicks it. */
  notify(notification: DesktopNotification, onClick: () => void): void;
}

/** Shows nothing: for hosts without desktop notifications. */
export const silentNotifier: Notifier = { notify() {} };
