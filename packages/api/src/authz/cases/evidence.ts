import { randomUUID } from 'node:crypto';
import type { AuthzEnv, ConsoleCases } from '../case-types';
import type { TenantFixture } from '../../testing/fixtures';
import { imageForm, makeJpeg } from '../../evidence/test-helpers';

/** An incident of the fixture's worker, inserted as a fixture (the agent would report it). */
async function incidentOf(t: TenantFixture, env: AuthzEnv): Promise<string> {
  const i = await env.adminDb.incident.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: new Date() } });
  return i.id;
}

/** A face image row of the fixture's worker (its blob is absent: deleting a missing blob is fine). */
async function faceOf(t: TenantFixture, env: AuthzEnv): Promise<string> {
  const f = await env.adminDb.faceImage.create({
    data: { tenantId: t.tenantId, userId: t.users.worker.id, source: 'CONSOLE', blobKey: `${t.tenantId}/faces/${randomUUID()}.bin`, sha256: '0'.repeat(64), byteSize: 1, width: 1, height: 1, descriptorEncrypted: Buffer.alloc(1), descriptorModel: 'dlib-resnet34-v1', keyVersion: 1 },
  });
  return f.id;
}

/** A face image row of the fixture's worker from the previous face model, which the job could not re-describe. */
async function staleFaceOf(t: TenantFixture, env: AuthzEnv): Promise<string> {
  const f = await env.adminDb.faceImage.create({
    data: { tenantId: t.tenantId, userId: t.users.worker.id, source: 'AGENT', blobKey: `${t.tenantId}/faces/${randomUUID()}.bin`, sha256: '0'.repeat(64), byteSize: 1, width: 1, height: 1, descriptorEncrypted: Buffer.alloc(1), descriptorModel: 'human-faceres', descriptorError: 'FACE_NOT_FOUND', keyVersion: 1 },
  });
  return f.id;
}

/** An enrolment still naming tenant t's worker, as the agent sends it (the fixture device is that worker's). */
function workerFace(t: TenantFixture): FormData {
  return imageForm({ kind: 'face', clientId: randomUUID(), userId: t.users.worker.id, descriptor: JSON.stringify(Array(128).fill(0.01)) }, makeJpeg(64, 48));
}

/** Evidence, incidents and face images (issue 5). */
export const consoleCases: ConsoleCases = {
  'evidence.incidents': { minRole: 'MANAGER', call: (c, t) => c.evidence.incidents({ userId: t.users.worker.id }), crossTenant: 'NOT_FOUND' },
  'evidence.incident': { minRole: 'MANAGER', call: async (c, t, env) => c.evidence.incident({ incidentId: await incidentOf(t, env) }), crossTenant: 'NOT_FOUND' },
  'evidence.judge': {
    minRole: 'MANAGER',
    call: async (c, t, env) => c.evidence.judge({ incidentId: await incidentOf(t, env), verdict: 'FALSE_ALARM', comment: 'authz' }),
    crossTenant: 'NOT_FOUND',
  },
  'evidence.timeline': { minRole: 'WORKER', call: (c, t) => c.evidence.timeline({ userId: t.users.worker.id, from: new Date(Date.now() - 86_400_000), to: new Date() }), crossTenant: 'NOT_FOUND' },
  'evidence.faces': { minRole: 'ADMIN', call: (c, t) => c.evidence.faces({ userId: t.users.worker.id }), crossTenant: 'NOT_FOUND' },
  'evidence.deleteFace': { minRole: 'ADMIN', call: async (c, t, env) => c.evidence.deleteFace({ faceImageId: await faceOf(t, env) }), crossTenant: 'NOT_FOUND' },
  'evidence.verify': { minRole: 'ADMIN', call: (c) => c.evidence.verify({ blobs: false }), crossTenant: 'OWN_ONLY' },
  'evidence.facesToReenrol': { minRole: 'ADMIN', call: (c) => c.evidence.facesToReenrol(), crossTenant: 'OWN_ONLY' },
  'evidence.requestReenrolment': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      await staleFaceOf(t, env);
      return c.evidence.requestReenrolment({ userId: t.users.worker.id });
    },
    crossTenant: 'NOT_FOUND',
  },
  'evidence.resetStaleEnrolment': {
    minRole: 'ADMIN',
    call: async (c, t, env) => {
      await staleFaceOf(t, env);
      return c.evidence.resetStaleEnrolment({ userId: t.users.worker.id });
    },
    crossTenant: 'NOT_FOUND',
  },
  // Another tenant's worker is not this device's user (evidence with another tenant's incident: routers/evidence/agent-uploads test).
  'agent.uploads.image': { minRole: 'AGENT', call: (c, t) => c.agent.uploads.image(workerFace(t)), crossTenant: 'FORBIDDEN' },
};
