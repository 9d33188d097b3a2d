import { NextResponse, type NextRequest } from 'next/server';
import { builtForDevelopment } from '../env';

/**
 * The response headers both web apps send, in one place: the fixed ones (every response, through
 * next.config `headers()`) and the per-request Content-Security-Policy (HTML pages, through each
 * app's src/proxy.ts, because its script nonce must change on every request).
 */

/** Headers every response carries, pages and API routes alike. */
export const FIXED_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  // frame-ancestors 'none' in the CSP is the modern form; this covers browsers that ignore CSP
  // framing rules and the API routes (PDF, images) that the proxy does not reach.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Invitation and reset links carry tokens in their URL: never hand them to another origin.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // The console and reseller pages never use these; only the separate agent app takes photos.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** A fresh nonce: 16 random bytes (128 bits), base64, as CSP's nonce-source grammar allows. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The page policy for one request. Scripts run only from this origin's files or with this request's
 * nonce ('strict-dynamic' lets a nonced Next loader add its own chunks); there is no 'unsafe-inline'
 * for scripts. Style *elements* need the nonce too, but style *attributes* are allowed
 * ('unsafe-inline' in style-src-attr only): the components set widths, colours and positions through
 * React `style={{…}}`, which a nonce cannot cover. In development React needs eval for its error
 * overlays; the production build never does.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * The proxy both apps run on page requests: Next reads the nonce from the request's
 * Content-Security-Policy header while rendering and puts it on its own scripts and styles
 * (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md), so the policy goes on
 * the forwarded request as well as on the response.
 */
export function securityHeadersProxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(newNonce(), { dev: builtForDevelopment });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}
