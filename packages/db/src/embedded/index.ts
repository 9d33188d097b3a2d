export { readDatabaseEnv, type DatabaseEnv } from './env';
export {
  DEFAULT_EMBEDDED_PORT,
  defaultEmbeddedDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
} from './start-embedded-postgres';
export { EMBEDDED_DATABASE_NAME, resolveAdminDatabaseUrl, type AdminDatabase } from './resolve-admin-url';
export { pgCtl } from './pg-binaries';
