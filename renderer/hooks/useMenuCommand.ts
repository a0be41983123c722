import { useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../../common/app-info';
import { api } from '../bridge';

/** Runs the handler for every application-menu command main sends. */
export function useMenuCommand(handler: (command: MenuCommand) => void): void {
  const onCommand = useEffectEvent(handler);
  useEffect(() => api().menu.onCommand((command) => onCommand(command)), []);
}
