import { randomInt } from 'node:crypto';

// Issued passwords (第17条2項: the provider issues each worker an ID/password) avoid look-alike
// characters so they can be read out or typed from a printout.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const MIN_PASSWORD_LENGTH = 10;

export function generatePassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
