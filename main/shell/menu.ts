import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../common/app-info';

/** The standard application menu, with the app's own commands sent to the window. */
export function menuTemplate(
  platform: string,
  appName: string,
  send: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { label: 'Settings…', accelerator: 'Cmd+,', click: () => send('open-settings') },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        { label: 'Export Portfolio List…', accelerator: 'CmdOrCtrl+E', click: () => send('export-list') },
        { label: 'Export Holdings…', accelerator: 'CmdOrCtrl+Shift+E', click: () => send('export-holdings') },
        { type: 'separator' },
        ...(isMac ? [] : [{ label: 'Settings', accelerator: 'Ctrl+,', click: () => send('open-settings') } as const]),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Sync Now', accelerator: 'CmdOrCtrl+R', click: () => send('sync-now') },
        { label: 'Find Portfolio', accelerator: 'CmdOrCtrl+F', click: () => send('focus-search') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
