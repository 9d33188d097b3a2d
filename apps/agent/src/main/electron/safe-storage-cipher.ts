import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../secrets/secret-cipher';

/**
 * safeStorage as a SecretCipher: DPAPI on Windows (the product's platform), Keychain on macOS. On
 * Linux without a keyring Electron falls back to a hard-coded key ("basic_text"), which is not
 * encryption at rest, so it counts as unavailable.
 */
export function safeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
