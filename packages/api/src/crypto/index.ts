import { apiEnv } from '../env';
import { keyringFrom, readMasterKeyFile, type MasterKeyring } from './master-key';

export { open, seal } from './aead';
export { ensureDevMasterKey, keyringFrom, type MasterKeyring } from './master-key';
export { currentDataKey, dataKeyVersion, rewrapDataKeys, rotateDataKey, type DataKey } from './data-keys';

let cached: MasterKeyring | undefined;

/** The configured master keyring: MASTER_KEY (+ MASTER_KEY_ID), else MASTER_KEY_FILE. Never derived. */
export function getMasterKeyring(): MasterKeyring {
  if (cached) return cached;
  const e = apiEnv;
  if (e.MASTER_KEY) cached = keyringFrom({ key: e.MASTER_KEY, id: e.MASTER_KEY_ID, old: e.MASTER_KEYS_OLD });
  else if (e.MASTER_KEY_FILE) {
    const file = readMasterKeyFile(e.MASTER_KEY_FILE);
    cached = keyringFrom({ key: file.key, id: file.id, old: e.MASTER_KEYS_OLD });
  } else throw new Error('No master key configured: set MASTER_KEY and MASTER_KEY_ID, or MASTER_KEY_FILE (npm start creates one in .data/).');
  return cached;
}
