/**
 * Main process entry: wires the tested modules to Electron. Kept to wiring only — every decision
 * (security, queue, sync, bridge) lives in a module with its own tests.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, desktopCapturer, ipcMain, nativeImage, protocol, safeStorage, session } from 'electron';
import { eventChannels } from '../contract/bridge';
import { createBridgeHandlers } from './bridge-handlers';
import { APP_SCHEME_PRIVILEGES, installSecurity } from './electron/install-security';
import { registerIpc } from './electron/register-ipc';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { screenCapturer } from './electron/screen-capture';
import { agentEnv } from './env';
import { secretFileKeyProvider } from './offline-queue/key-provider';
import { OfflineQueue } from './offline-queue/offline-queue';
import { APP_ORIGIN, type TrustedPages } from './security/app-origin';
import { secureWindowOptions } from './security/window-options';
import { trpcAgentAuth, trpcAgentCorrections, trpcAgentQueries, trpcAgentServer, trpcSettingsSource } from './server/trpc-agent-server';
import { SettingsStore } from './settings/settings-store';
import { SyncService } from './sync/sync-service';
import { TokenStore } from './token-store';

const HEARTBEAT_MS = 60_000;

// Must happen before `ready`: app:// gets a real origin (CSP, permissions, IPC sender checks).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One instance only: the offline queue folder has exactly one writer.
if (!app.requestSingleInstanceLock()) app.quit();
else void start();

async function start() {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const pages: TrustedPages = { devServerOrigin: agentEnv.AGENT_DEV_SERVER_URL ? new URL(agentEnv.AGENT_DEV_SERVER_URL).origin : undefined };
  installSecurity({ app, session: session.defaultSession, protocol, rendererRoot: join(__dirname, '..', 'renderer'), pages });

  const cipher = safeStorageCipher(safeStorage);
  const queue = await OfflineQueue.open({ dir: join(dataDir, 'offline-queue'), keyProvider: secretFileKeyProvider(join(dataDir, 'queue.key'), cipher) });
  const tokens = new TokenStore(join(dataDir, 'device-token.bin'), cipher);

  let window: BrowserWindow | null = null;
  const sync = new SyncService(queue, trpcAgentServer(tokens), {
    onStatus: (status) => window?.webContents.send(eventChannels.syncStatusChanged, status),
  });
  const settings = new SettingsStore(join(dataDir, 'settings.json'));
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: trpcAgentAuth(),
    captureScreens: screenCapturer(desktopCapturer, nativeImage, async () => (await settings.load()).settings),
    device: { name: hostName(), agentVersion: app.getVersion() },
    settings,
    settingsSource: trpcSettingsSource(tokens),
    queries: trpcAgentQueries(tokens),
    corrections: trpcAgentCorrections(tokens),
  });
  registerIpc(ipcMain, handlers, pages);
  // The heartbeat keeps the device's "last contact" current on the console's board.
  const heartbeat = setInterval(() => void handlers.getSettings(undefined), HEARTBEAT_MS);

  window = new BrowserWindow(secureWindowOptions({ preload: join(__dirname, '..', 'preload', 'index.cjs'), devTools: agentEnv.AGENT_DEVTOOLS === '1' }));
  window.once('ready-to-show', () => window?.show());
  app.on('second-instance', () => window?.show());
  app.on('before-quit', () => {
    clearInterval(heartbeat);
    sync.stop();
    void queue.close();
  });
  await window.loadURL(agentEnv.AGENT_DEV_SERVER_URL ?? `${APP_ORIGIN}/index.html`);
  void sync.syncNow();
}

function hostName(): string {
  // The device name an administrator sees in the console's device list.
  return (hostname() || 'PC').slice(0, 100);
}
