import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

let installed = false;

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Human loads its models through the global `fetch`, and Node's fetch refuses `file:` URLs. This
 * wrapper answers `file:` URLs from disk and hands every other URL to the original fetch unchanged,
 * so installing it has no effect on the rest of the process. Installing twice is a no-op.
 */
export function installFileFetch(): void {
  if (installed) return;
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    if (!url.startsWith('file:')) return original(input, init);
    try {
      const bytes = await readFile(fileURLToPath(url));
      const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
      return new Response(bytes, { status: 200, headers: { 'content-type': type } });
    } catch {
      return new Response(null, { status: 404, statusText: `not found: ${url}` });
    }
  };
  installed = true;
}
