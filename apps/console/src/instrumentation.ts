/** Next's start-up hook: the console's server process also runs the scheduled jobs (pg-boss). */
export async function register(): Promise<void> {
  // Next replaces this literal at build time, so the edge build drops the branch and never bundles
  // the job runner's Node-only dependencies (argon2, pg). Read through the env module it would not.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { consoleEnv } = await import('./env');
    if (!consoleEnv.RUN_JOBS) return;
    const { startServerJobs } = await import('@telework/api/jobs');
    await startServerJobs();
  }
}
