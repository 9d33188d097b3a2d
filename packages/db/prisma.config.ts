import { defineConfig } from 'prisma/config';

// Prisma's CLI is used here only for `generate` (migrations run through our own runner, see
// src/migrate). The URL is optional so that `generate` works on a machine with no database.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/telework' },
});
