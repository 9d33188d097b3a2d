import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { LocalBlobStore } from '../storage/local-blob-store';
import type { EvidenceDeps } from './deps';
import { seedDemoEvidence } from './demo-evidence';
import { CAMERA_MAX, SCREEN_MAX } from './deps';
import { decodeImage } from './image';
import { decryptBlob } from './read-image';
import { randomKeyring } from './test-helpers';
import { verifyEvidence } from './verify';

const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let t: TenantFixture;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-evidence-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
  t = await createTenantFixture(adminDb);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('demo evidence for npm start', () => {
  it('gives each incident a still and a screenshot, adds periodic captures on the last worked day, all real, chained and idempotent', async () => {
    // Yesterday 09:00–18:00 JST, with a peeking incident at 15:00, as the demo history seeds them.
    const midnight = Math.floor((Date.now() + 9 * 3_600_000) / 86_400_000) * 86_400_000 - 9 * 3_600_000 - 86_400_000;
    const at = (h: number) => new Date(midnight + h * 3_600_000);
    const session = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, startedAt: at(9), endedAt: at(18), endReason: 'PUNCH' } });
    const incident = await adminDb.incident.create({
      data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, workSessionId: session.id, clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: at(15) },
    });

    expect(await seedDemoEvidence(deps, t.systemId)).toBe(2 + 3 * 2);
    const rows = await adminDb.evidence.findMany({ where: { tenantId: t.tenantId }, orderBy: { chainSeq: 'asc' } });
    expect(rows.filter((r) => r.incidentId === incident.id).map((r) => r.kind).sort()).toEqual(['CAMERA', 'SCREEN']);
    expect(rows.filter((r) => r.trigger === 'INTERVAL')).toHaveLength(6);
    expect(rows.every((r) => r.capturedAt >= at(9) && r.capturedAt <= at(18))).toBe(true);
    for (const row of rows) {
      const plain = await withTenant(db, t.tenantId, (tx) => decryptBlob(tx, deps.store, deps.keyring, t.tenantId, row));
      const img = await decodeImage(plain.bytes, row.kind === 'CAMERA' ? CAMERA_MAX : SCREEN_MAX);
      expect({ w: img.width, h: img.height }).toEqual({ w: row.width, h: row.height });
    }
    const report = await verifyEvidence((fn) => withTenant(db, t.tenantId, fn), deps.store, deps.keyring, { tenantId: t.tenantId });
    expect(report).toMatchObject({ ok: true, checkedRows: 8, checkedBlobs: 8 });

    expect(await seedDemoEvidence(deps, t.systemId)).toBe(0);
    expect(await adminDb.evidence.count({ where: { tenantId: t.tenantId } })).toBe(8);
  }, 60_000);

  it('does nothing for a system id that does not exist', async () => {
    expect(await seedDemoEvidence(deps, 'TW-NOPE')).toBe(0);
  });
});
