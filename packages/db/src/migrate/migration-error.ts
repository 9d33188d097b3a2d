export type MigrationErrorCode =
  /** A migration already applied to the database was edited afterwards. */
  | 'CHECKSUM_MISMATCH'
  /** The database records a migration this checkout does not have (an older branch, or a deleted folder). */
  | 'MISSING_LOCALLY'
  /** `_prisma_migrations` holds a started-but-unfinished row (left by `prisma migrate deploy`). */
  | 'FAILED_MIGRATION'
  /** A migration script failed; its transaction was rolled back. */
  | 'APPLY_FAILED';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}
