import { useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../../common/app-info';
import { api } from '../bridge';
import { catalogError } from '../data/main-result';
import type { BrowserView } from './useBrowser';
import type { Exporter } from './useExport';
import type { Notice } from './useNotice';
import type { Screens } from './useScreens';
import type { SyncActions } from './useSync';

/** What the application menu's commands act on. */
export interface MenuTargets {
  screens: Screens;
  sync: SyncActions;
  exporter: Exporter;
  browser: BrowserView;
  show(notice: Notice): void;
}

/** Runs the application menu's commands (sent by main) on the screen on show. */
export function useMenuCommands({ screens, sync, exporter, browser, show }: MenuTargets): void {
  const { screen, configured, go } = screens;
  const onCommand = useEffectEvent((command: MenuCommand) => {
    switch (command) {
      case 'sync-now':
        if (configured) sync.syncNow(true);
        return;
      case 'export-list':
      case 'export-holdings': {
        const kind = command === 'export-list' ? 'list' : 'holdings';
        if (screen?.name === 'detail') exporter.run(kind, [screen.id]);
        else if (configured) browser.exportScope(kind);
        else show({ kind: 'error', message: catalogError('NOT_CONFIGURED').message });
        return;
      }
      case 'open-settings':
        go({ name: 'settings' });
        return;
      case 'focus-search':
        if (configured) go({ name: 'browser' }, 'search');
        return;
    }
  });
  useEffect(() => api().menu.onCommand((command) => onCommand(command)), []);
}
