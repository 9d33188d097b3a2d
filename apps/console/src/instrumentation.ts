import { consoleEnv } from './env';

/** Next's start-up hook: the console's server process also runs the scheduled jobs (pg-boss). */
export async function register(): Promise<void> {
  if (consoleEnv.NEXT_RUNTIME !== 'nodejs' || !consoleEnv.RUN_JOBS) return;
  const { startServerJobs } = await import('@telework/api/jobs');
  await startServerJobs();
}
