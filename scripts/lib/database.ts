import { provisionAppLogin, seedDemo } from '@telework/db';
import { applyMigrations } from '@telework/db/migrate';

/**
 * Brings a database to a runnable state: migrations applied, the application's login role
 * provisioned, demo data seeded when the database is empty. Returns the URL the servers use.
 */
export async function prepareDatabase(adminUrl: string, { seed }: { seed: boolean }): Promise<{ appUrl: string; seeded: boolean }> {
  const { applied } = await applyMigrations({ url: adminUrl });
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  const appUrl = await provisionAppLogin(adminUrl);
  const seeded = seed ? await seedDemo(adminUrl) : false;
  return { appUrl, seeded };
}
