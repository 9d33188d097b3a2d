// Applies the committed migrations to DATABASE_URL, or to the embedded server's `telework`
// database when DATABASE_URL is unset.  Usage: npm run migrate -w @telework/db
import { resolveAdminDatabaseUrl } from '../embedded/resolve-admin-url';
import { applyMigrations } from '../migrate/apply-migrations';
import { MigrationError } from '../migrate/migration-error';
import { redactUrl } from '../migrate/pg-server';

const database = await resolveAdminDatabaseUrl();
try {
  console.log(`Migrating ${redactUrl(database.url)}`);
  const { applied } = await applyMigrations({
    url: database.url,
    onApplied: (name, ms) => console.log(`  applied ${name} (${Math.round(ms)} ms)`),
  });
  console.log(applied.length === 0 ? 'Already up to date.' : `Applied ${applied.length} migration(s).`);
} catch (error) {
  console.error(error instanceof MigrationError ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
