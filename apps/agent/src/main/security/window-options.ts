import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The only way windows are made. Callers choose size and preload, never webPreferences, so no window
 * can be created with Node integration or without isolation by accident.
 */
export function secureWindowOptions(options: { preload: string; width?: number; height?: number; show?: boolean; devTools?: boolean }): BrowserWindowConstructorOptions {
  return {
    width: options.width ?? 480,
    height: options.height ?? 640,
    show: options.show ?? false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools ?? false,
      // Presence checks must keep running while the window is hidden in the tray.
      backgroundThrottling: false,
    },
  };
}
