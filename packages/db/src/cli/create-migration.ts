// Creates prisma/migrations/<UTC timestamp>_<name>/migration.sql from the difference between the
// migrations folder (replayed on a throw-away shadow database) and prisma/schema.prisma.
// Usage: npm run migration:create -w @telework/db -- <name>
import path from 'node:path';
import { resolveAdminDatabaseUrl } from '../embedded/resolve-admin-url';
import { createMigration } from '../migrate/create-migration';

const name = process.argv.slice(2).join(' ').trim();
if (name === '') {
  console.error('Usage: npm run migration:create -w @telework/db -- <name>   (e.g. add_punches)');
  process.exit(2);
}

const database = await resolveAdminDatabaseUrl();
try {
  const result = await createMigration({ adminUrl: database.url, name });
  if (!result.created) {
    console.log('No changes: prisma/schema.prisma matches the migrations folder.');
  } else {
    console.log(`Created ${path.relative(process.cwd(), result.file)}`);
    console.log('Append hand-written SQL (RLS policies, functions, grants) to that file before applying it:');
    console.log('  npm run migrate -w @telework/db');
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
