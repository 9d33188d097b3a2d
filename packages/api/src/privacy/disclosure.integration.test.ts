import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser } from '../testing/callers';
import { LocalBlobStore } from '../storage/local-blob-store';
import { seedDemoEvidence } from '../evidence/demo-evidence';
import { decryptBlob } from '../evidence/read-image';
import { randomKeyring } from '../evidence/test-helpers';
import type { EvidenceDeps } from '../evidence/deps';
import { buildDisclosure, renderDisclosureHtml, type Disclosure } from './disclosure';
import { downloadExport, processAcceptedRequests } from './requests';

const { db, adminDb } = useTestDatabase();
const SCHEMA = JSON.parse(readFileSync(new URL('../../../../docs/schemas/personal-data-disclosure.schema.json', import.meta.url), 'utf8')) as object;

// A worked day at fixed instants: 2026-12-01 09:00–18:00 JST with a peeking incident at 15:00.
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 1, h - 9, m));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODES = /\b(WORK_START|WORK_END|TASK_START|PEEKING|PRESENT|AWAY|AGENT|CONSOLE|WORKER|PUNCH|INTERVAL_AND_INCIDENT|CAMERA|SCREEN|INCIDENT|INTERVAL|OPEN|JUDGED)\b/;

let dir = '';
let deps: EvidenceDeps;
let t: TenantFixture;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'disclosure-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
  t = await createTenantFixture(adminDb);
  const w = { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId };
  const session = await adminDb.workSession.create({ data: { ...w, startedAt: at(9), endedAt: at(18), endReason: 'PUNCH' } });
  await adminDb.punch.createMany({
    data: [
      { ...w, clientEventId: randomUUID(), kind: 'WORK_START', source: 'AGENT', occurredAt: at(9) },
      { ...w, clientEventId: randomUUID(), kind: 'WORK_END', source: 'CONSOLE', occurredAt: at(18) },
    ],
  });
  await adminDb.presenceEvent.create({ data: { ...w, workSessionId: session.id, clientEventId: randomUUID(), state: 'AWAY', similarity: null, occurredAt: at(12, 5) } });
  await adminDb.incident.create({ data: { ...w, workSessionId: session.id, clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: at(15) } });
  // Real, encrypted and chained evidence images for the incident and the day's interval captures.
  await seedDemoEvidence(deps, t.systemId);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function disclosure(): Promise<Disclosure> {
  const d = await withTenant(db, t.tenantId, (tx) =>
    buildDisclosure(tx, {
      tenantId: t.tenantId, userId: t.users.worker.id, now: new Date('2026-12-08T00:30:00Z'),
      readImage: async (row) => (await decryptBlob(tx, deps.store, deps.keyring, t.tenantId, row)).bytes,
    }),
  );
  if (!d) throw new Error('no disclosure');
  return d;
}

describe('personal-data disclosure (第26条2項, issue 18)', () => {
  it('the JSON follows the committed schema and holds no internal ids', async () => {
    const d = await disclosure();
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.validate(SCHEMA, JSON.parse(JSON.stringify(d)));
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const json = JSON.stringify(d);
    expect(json).not.toMatch(UUID);
    expect(json).not.toContain(t.tenantId);
    expect(json).not.toMatch(/tenantId|openForUserId|clientEventId|passwordHash|blobKey/);
    expect(d.punches.map((p) => [p.occurredAt, p.kind.label])).toEqual([['2026-12-01T09:00:00+09:00', '勤務開始'], ['2026-12-01T18:00:00+09:00', '勤務終了']]);
    expect(d.incidents[0]?.images.length).toBeGreaterThan(0);
    expect(d.incidents[0]?.images.every((i) => i.thumbnail?.startsWith('data:image/jpeg;base64,'))).toBe(true);
    // A schema that is not checked at all would pass anything: a wrong time zone fails it.
    expect(ajv.validate(SCHEMA, { ...JSON.parse(json), generatedAt: '2026-12-08T00:30:00Z' })).toBe(false);
  });

  it('the report reads in Japanese with JST times and labels, never codes or ids, with the images as thumbnails', async () => {
    const html = renderDisclosureHtml(await disclosure());
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ');
    expect(text).toContain('保有個人データの開示');
    expect(text).toContain('作成日時: 2026/12/08 09:30（日本時間）');
    expect(text).toMatch(/2026\/12\/01 09:00\s+勤務開始/);
    expect(text).toMatch(/2026\/12\/01 12:05\s+離席/);
    expect(text).toMatch(/2026\/12\/01 15:00\s+のぞき見/);
    expect(text).toContain('勤務者');
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(UUID);
    expect(html).not.toContain(t.tenantId);
    expect((html.match(/<img src="data:image\/jpeg;base64,/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('an administrator’s HTML request produces the sealed report, named by the JST time, through the request flow', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const admin = await signedInUser(db, t, 'admin');
    const req = await admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id, format: 'html' }));
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: req.id, decision: 'ACCEPT' }));
    await processAcceptedRequests(db, { store: deps.store, keyring: deps.keyring, now: new Date('2026-12-08T00:30:00Z') });
    const file = await withTenant(db, t.tenantId, (tx) => downloadExport(tx, { tenantId: t.tenantId, requestId: req.id, deps: () => ({ store: deps.store, keyring: deps.keyring }) }));
    expect(file.filename).toBe('personal-data-202612080930.html');
    expect(file.contentType).toBe('text/html; charset=utf-8');
    expect(file.body).toContain('<img src="data:image/jpeg;base64,');
    expect(file.body).toContain('勤務開始');
  });
});
