/** Thrown for a server address the agent must not talk to (仕様書: HTTPS only). */
export class InsecureServerUrlError extends Error {
  constructor(reason: string) {
    super(`Server URL rejected: ${reason}`);
    this.name = 'InsecureServerUrlError';
  }
}

// Plain http is tolerated only where the traffic never leaves the machine (development, tests).
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Validates the server base URL the worker or installer entered; returns it normalised. */
export function assertServerUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InsecureServerUrlError('not a URL');
  }
  if (url.username || url.password) throw new InsecureServerUrlError('credentials in the URL');
  if (url.search || url.hash) throw new InsecureServerUrlError('query or fragment in a base URL');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  if (url.protocol === 'http:') throw new InsecureServerUrlError('https is required except on localhost');
  throw new InsecureServerUrlError(`unsupported scheme ${url.protocol}`);
}
