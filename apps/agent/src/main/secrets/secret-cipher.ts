/**
 * Encrypts small secrets with a key the OS keeps for the signed-in user. In the app this is
 * Electron's safeStorage (DPAPI on Windows); tests use an AES key. Kept this small so the main-process
 * logic never imports Electron.
 */
export interface SecretCipher {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export class SecretStorageUnavailableError extends Error {
  constructor() {
    super('OS secret storage is not available: refusing to store secrets unencrypted.');
    this.name = 'SecretStorageUnavailableError';
  }
}
