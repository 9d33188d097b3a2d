import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../embedded/start-embedded-postgres';
import { readTestServerUrl } from './env';

export interface ServerLease {
  /** Superuser URL of a maintenance database on the server (used to CREATE/DROP test databases). */
  adminUrl: string;
  release(): Promise<void>;
}

// One embedded server per process, shared by every test database of that process: the first
// lease starts (or attaches to) it, the last release stops it.
let embedded: Promise<EmbeddedPostgresServer> | undefined;
let leases = 0;

export async function leaseServer(): Promise<ServerLease> {
  const configured = readTestServerUrl();
  if (configured !== undefined) return { adminUrl: configured, release: async () => undefined };

  leases += 1;
  embedded ??= startEmbeddedPostgres();
  let server: EmbeddedPostgresServer;
  try {
    server = await embedded;
  } catch (error) {
    leases -= 1;
    embedded = undefined;
    throw error;
  }
  let released = false;
  return {
    adminUrl: server.adminUrl,
    release: async () => {
      if (released) return;
      released = true;
      leases -= 1;
      if (leases === 0 && embedded !== undefined) {
        embedded = undefined;
        await server.stop();
      }
    },
  };
}
