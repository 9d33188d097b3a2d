import type { IpcMain } from 'electron';
import type { TrustedPages } from '../security/app-origin';
import { registerBridge, type BridgeHandlers } from '../ipc/register-bridge';

/** Electron's ipcMain satisfies IpcMainLike; this adapter is where the compiler proves it. */
export function registerIpc(ipcMain: IpcMain, handlers: BridgeHandlers, pages?: TrustedPages): void {
  registerBridge(ipcMain, handlers, pages);
}
