import type { NextRequest } from 'next/server';
import { securityHeadersProxy } from '@telework/ui/security-headers';

/** Every page gets a per-request nonce-based Content-Security-Policy (packages/ui/src/app/security-headers.ts). */
export function proxy(request: NextRequest) {
  return securityHeadersProxy(request);
}

// Next reads the matcher statically, so it is spelled out here rather than imported. API routes
// answer JSON, PDFs and images, never HTML, and static files carry no inline script: both skip the
// proxy and keep the fixed headers from next.config. Link prefetches need no policy of their own.
export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
