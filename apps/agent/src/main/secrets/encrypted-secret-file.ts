import { readFile, rename, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-write';
import { SecretStorageUnavailableError, type SecretCipher } from './secret-cipher';

export type ReadResult = { status: 'ok'; value: string } | { status: 'missing' } | { status: 'unreadable'; error: unknown };

/** One secret in one file, encrypted by the OS cipher and replaced atomically. */
export class EncryptedSecretFile {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async read(): Promise<ReadResult> {
    let data: Buffer;
    try {
      data = await readFile(this.file);
    } catch (error) {
      if (isNotFound(error)) return { status: 'missing' };
      throw error;
    }
    this.assertAvailable();
    try {
      return { status: 'ok', value: this.cipher.decrypt(data) };
    } catch (error) {
      return { status: 'unreadable', error };
    }
  }

  async write(value: string): Promise<void> {
    this.assertAvailable();
    await writeFileAtomic(this.file, this.cipher.encrypt(value));
  }

  async remove(): Promise<void> {
    await unlink(this.file).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /** Keeps an unreadable file for diagnosis instead of destroying it, and frees the name. */
  async setAside(suffix: string): Promise<string> {
    const target = `${this.file}.${suffix}`;
    await rename(this.file, target);
    return target;
  }

  private assertAvailable() {
    if (!this.cipher.isAvailable()) throw new SecretStorageUnavailableError();
  }
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
