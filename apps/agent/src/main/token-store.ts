import { z } from 'zod';
import { EncryptedSecretFile } from './secrets/encrypted-secret-file';
import type { SecretCipher } from './secrets/secret-cipher';
import { assertServerUrl } from './security/server-url';

const storedToken = z.object({
  v: z.literal(1),
  token: z.string().min(16).max(512),
  deviceId: z.uuid(),
  /** Whose records the queue holds; absent in tokens stored before it was kept. */
  userId: z.uuid().optional(),
  /** Shown in the agent's window while signed in; the server stays the source of truth. */
  userName: z.string().max(200),
  tenantName: z.string().max(200),
  serverUrl: z.string().refine((value) => isAcceptableServer(value), 'server URL must be https (or http on loopback)'),
});
export type DeviceCredentials = Omit<z.infer<typeof storedToken>, 'v'>;

/**
 * The device token from agent sign-in, encrypted by the OS (safeStorage) and replaced atomically, so a
 * crash mid-save leaves the old token or the new one. Only the main process ever holds it.
 */
export class TokenStore {
  private readonly file: EncryptedSecretFile;

  constructor(path: string, cipher: SecretCipher) {
    this.file = new EncryptedSecretFile(path, cipher);
  }

  async get(): Promise<DeviceCredentials | null> {
    const read = await this.file.read();
    if (read.status === 'missing') return null;
    const parsed = read.status === 'ok' ? storedToken.safeParse(safeJson(read.value)) : null;
    if (parsed?.success) {
      const { v: _v, ...credentials } = parsed.data;
      return credentials;
    }
    // A token we cannot decrypt (e.g. another Windows profile) can never be used again: the device
    // must sign in anew, and keeping the blob around would only retry the failure forever.
    await this.file.remove();
    return null;
  }

  async set(credentials: DeviceCredentials): Promise<void> {
    const value = storedToken.parse({ v: 1, ...credentials });
    await this.file.write(JSON.stringify(value));
  }

  /** Sign-out (or revocation seen from the server): the token is gone from disk. */
  async clear(): Promise<void> {
    await this.file.remove();
  }
}

function isAcceptableServer(value: string): boolean {
  try {
    assertServerUrl(value);
    return true;
  } catch {
    return false;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
