import { getMasterKeyring } from '../crypto';
import { defineJob } from '../jobs/job-types';
import { getBlobStore } from '../storage';
import { processAcceptedRequests } from './requests';

/** Every five minutes: accepted disclosures are exported and accepted deletions carried out. */
export const processPersonalDataRequestsJob = defineJob({
  name: 'privacy.process-requests',
  cron: '*/5 * * * *',
  handler: ({ db, now }) => processAcceptedRequests(db, { store: getBlobStore(), keyring: getMasterKeyring(), now: now() }),
});
