// Scheduled jobs of the billing domain, for the lead to wire into ALL_JOBS.
export { closeBillingPeriodsJob } from './jobs';
