import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveAppAsset } from './app-origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  // WebAssembly.instantiateStreaming insists on this type (the face backend loads .wasm files).
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves app://agent/* from the packaged renderer folder (for protocol.handle), with the CSP on every
 * response. Only GET, only files inside the folder, only known types: anything else is a 404.
 */
export function appProtocolHandler(rendererRoot: string, csp: string) {
  return async (request: Request): Promise<Response> => {
    const file = request.method === 'GET' ? resolveAppAsset(rendererRoot, request.url) : null;
    const type = file ? CONTENT_TYPES[extname(file).toLowerCase()] : undefined;
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (!file || !type) return new Response('Not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
