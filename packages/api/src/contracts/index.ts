// Scheduled jobs of the contracts domain, for the lead to wire into ALL_JOBS.
export { contractLifecycleJob } from './lifecycle-job';
