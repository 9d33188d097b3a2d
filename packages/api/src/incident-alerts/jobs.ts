import { listTenantIds } from '@telework/db';
import { defineJob } from '../jobs/job-types';
import { sendIncidentAlerts } from './alerts';
import { retryIncidentDigests, sendIncidentDigestsEverywhere } from './digest';

/**
 * Every minute: immediate alerts the recording request could not send (mail server down, process
 * ended before its after-commit send) and the retries of failed alerts and digests. The request
 * itself sends at once after its commit (routers/work/work-router.ts).
 */
export const sendIncidentAlertsJob = defineJob({
  name: 'incidents.send-alerts',
  cron: '* * * * *',
  handler: async ({ db, mailer, now }) => {
    const at = now();
    for (const tenantId of await listTenantIds(db)) {
      await sendIncidentAlerts(db, mailer, { tenantId, now: at });
      await retryIncidentDigests(db, mailer, { tenantId, now: at });
    }
  },
});

/** Once a JST day at 07:10 (pg-boss runs each cron occurrence once): the incidents of the day before. */
export const sendIncidentDigestsJob = defineJob({
  name: 'incidents.send-digests',
  cron: '10 7 * * *',
  handler: ({ db, mailer, now }) => sendIncidentDigestsEverywhere(db, mailer, now()),
});
