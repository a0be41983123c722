import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contract } from '../../common/contract';
import { AppError, fail } from '../../common/result';
import type { Dispatch } from './dispatcher';
import { isTrustedSender } from './trusted-sender';

/** Registers every contract channel on ipcMain; the only main file that touches ipcMain. */
export function registerContractHandlers(
  dispatch: Dispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean = (event) => isTrustedSender(event.senderFrame),
): void {
  for (const channel of Object.keys(contract.requests)) {
    ipcMain.handle(channel, (event, arg: unknown) =>
      isTrusted(event) ? dispatch(channel, arg) : Promise.resolve(fail(new AppError('UNTRUSTED_SENDER').toData())),
    );
  }
}
