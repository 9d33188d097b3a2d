import { hash } from '@node-rs/argon2';

// Same argon2id parameters as the API's password service (OWASP's minimum recommendation).
export function hashDemoPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}
