/**
 * Next's start-up hook. The literal `process.env.NEXT_RUNTIME` check lets Next drop the Node-only
 * import from its edge build, which is why this file reads it directly.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startJobsIfEnabled } = await import('./instrumentation-node');
    await startJobsIfEnabled();
  }
}
