import { createBrowserFaceAnalyzer, type BrowserFaceAnalyzer } from '@telework/face/browser';

let loading: Promise<BrowserFaceAnalyzer> | null = null;

/**
 * One Human instance for the whole app, loaded on first use (enrolment or work start) so a worker
 * who is not working costs no model memory. Models and WASM come from the app's own origin.
 */
export function faceAnalyzer(): Promise<BrowserFaceAnalyzer> {
  loading ??= createBrowserFaceAnalyzer({
    modelBasePath: new URL('models/', location.href).href,
    wasmPath: new URL('wasm/', location.href).href,
    backend: 'wasm',
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
