import type { z } from 'zod';
import { bridgeRequestSchemas, invokeChannels, type BridgeMethod, type BridgeResponses } from '../../contract/bridge';
import { isAppUrl, type TrustedPages } from '../security/app-origin';

/** The part of Electron's ipcMain used here; Electron's own object fits it. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
}

export type BridgeHandlers = {
  [M in BridgeMethod]: (request: z.output<(typeof bridgeRequestSchemas)[M]>) => Promise<BridgeResponses[M]>;
};

/** Only the message crosses IPC; it names the method and the first problem, never internals. */
export class BridgeRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeRequestError';
  }
}

/**
 * Registers one handler per channel. Each call is checked twice before any handler runs: it must come
 * from the app's own page (not an injected frame or a page navigated elsewhere), and its argument
 * must match the method's schema.
 */
export function registerBridge(ipc: IpcMainLike, handlers: BridgeHandlers, pages: TrustedPages = {}): void {
  for (const method of Object.keys(invokeChannels) as BridgeMethod[]) {
    ipc.handle(invokeChannels[method], (event, ...args) => {
      if (!isAppUrl(event.senderFrame?.url ?? '', pages)) throw new BridgeRequestError(`${method}: sender is not the agent's page`);
      if (args.length > 1) throw new BridgeRequestError(`${method}: expected at most one argument`);
      const parsed = bridgeRequestSchemas[method].safeParse(args[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BridgeRequestError(`${method}: invalid request${issue ? ` (${issue.path.join('.') || 'value'}: ${issue.message})` : ''}`);
      }
      return (handlers[method] as (request: unknown) => Promise<unknown>)(parsed.data);
    });
  }
}
