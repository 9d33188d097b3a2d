import { listTenantIds } from '@telework/db';
import { getMasterKeyring } from '../crypto';
import { defineJob } from '../jobs/job-types';
import { getBlobStore } from '../storage';
import { describeEnrolmentFace } from './face-enrolment';
import { reembedFaceDescriptors } from './face-reembed';

/**
 * After a face model upgrade: re-computes the enrolment descriptors of the previous model from the
 * stored photos, a batch per tenant each night (and on demand), with the server's own analyzer
 * (loaded only when some row needs it).
 */
export const faceReembedJob = defineJob({
  name: 'face-reembed',
  cron: '15 4 * * *',
  async handler(deps) {
    const evidence = { db: deps.db, store: getBlobStore(), keyring: getMasterKeyring() };
    const out: Record<string, { reembedded: number; failed: number }> = {};
    for (const tenantId of await listTenantIds(deps.db)) {
      const counts = await reembedFaceDescriptors(evidence, tenantId, describeEnrolmentFace);
      if (counts.reembedded + counts.failed > 0) out[tenantId] = counts;
    }
    return out;
  },
});
