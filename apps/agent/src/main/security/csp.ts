/**
 * The renderer's Content-Security-Policy. It talks to nothing but its own origin: the server token
 * and all network traffic stay in the main process, so connect-src has no server. 'wasm-unsafe-eval'
 * is needed by the face models' WebAssembly backend; blob:/mediastream: carry camera frames.
 */
export function buildCsp(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin;
  const self = dev ? `'self' ${dev}` : "'self'";
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': `${self} 'wasm-unsafe-eval'`,
    // Vite injects styles through JS while developing; the packaged app has only style files.
    'style-src': dev ? `${self} 'unsafe-inline'` : self,
    'img-src': `${self} blob: data:`,
    'media-src': `${self} blob: mediastream:`,
    'font-src': self,
    'connect-src': dev ? `${self} ${dev.replace(/^http/, 'ws')}` : self,
    'worker-src': `${self} blob:`,
    'object-src': "'none'",
    'frame-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

type Headers = Record<string, string | string[]>;

/** For session.webRequest.onHeadersReceived: our policy replaces any the response carried. */
export function withCsp(responseHeaders: Headers | undefined, csp: string): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  headers['Content-Security-Policy'] = [csp];
  return headers;
}
