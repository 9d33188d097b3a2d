export { applyMigrations, type ApplyMigrationsOptions } from './apply-migrations';
export {
  createMigration,
  diffMigrationsAgainstSchema,
  defaultSchemaPath,
  type CreateMigrationOptions,
  type CreateMigrationResult,
  type DiffOptions,
} from './create-migration';
export { MigrationError, type MigrationErrorCode } from './migration-error';
export { defaultMigrationsDir, readMigrations, type MigrationFile } from './migrations-folder';
