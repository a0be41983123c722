import type { DesktopNotification, Notifier } from '../../main/changes/notifier';

/** A Notifier that records what it was asked to show, and can click a notification as the user would. */
export class RecordingNotifier implements Notifier {
  readonly shown: Array<DesktopNotification & { click: () => void }> = [];

  notify(notification: DesktopNotification, onClick: () => void): void {
    this.shown.push({ ...notification, click: onClick });
  }
}
