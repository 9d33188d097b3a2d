import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from './window-options';

describe('secureWindowOptions', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const { webPreferences } = secureWindowOptions({ preload: '/app/preload.cjs' });
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('keeps the hardening whatever size or devTools the caller picks', () => {
    const options = secureWindowOptions({ preload: '/p.cjs', width: 900, height: 700, show: true, devTools: true });
    expect(options).toMatchObject({ width: 900, height: 700, show: true });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: true });
  });
});
