import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Db, type IncidentKind } from '@telework/db';
import { apiEnv } from '../env';
import { smtpMailer } from '../mail/mailer';
import { signedInAgent, signedInUser, trpcCodeOf } from '../testing/callers';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { startTestSmtpServer } from '../testing/smtp';
import { recordIncident } from '../work/agent-events';
import { sendIncidentAlerts } from './alerts';
import { sendIncidentDigests } from './digest';

const { db, adminDb } = useTestDatabase();

// A fixed clock: 2026-12-08 10:30 JST. Services take `now`; nothing here reads the wall clock
// except the one test that goes through the agent's HTTP procedure (which uses it throughout).
const NOW = new Date('2026-12-08T01:30:00Z');
const at = (iso: string) => new Date(iso);

let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp.close());

const emailOf = async (userId: string) => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).email ?? '';
const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()));

async function incident(t: TenantFixture, occurredAt: Date, opts: { kind?: IncidentKind; clientEventId?: string; now?: Date } = {}) {
  return withTenant(db, t.tenantId, (tx) =>
    recordIncident(tx, { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId }, { clientEventId: opts.clientEventId ?? randomUUID(), kind: opts.kind ?? 'PEEKING', faceCount: 2, occurredAt }, opts.now ?? NOW),
  );
}

const send = (dbc: Db, t: TenantFixture, now = NOW) => sendIncidentAlerts(dbc, smtpMailer(smtp.url), { tenantId: t.tenantId, now });

describe('incident alert mail (issue 18)', () => {
  it('mails the worker\u2019s group manager once, in Japanese, with the console link and no image', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await emailOf(t.users.manager.id);
    const admin = await emailOf(t.users.admin.id);
    const { incidentId } = await incident(t, at('2026-12-08T01:15:00Z'));
    expect(await send(db, t)).toEqual({ sent: 1, failed: 0 });
    const [mail, ...more] = mailsTo(manager);
    expect(more).toHaveLength(0);
    expect(mailsTo(admin)).toHaveLength(0);
    expect(mail?.subject).toBe(`【Telework Supporter】インシデント: のぞき込み（worker ${t.systemId.slice(4)}）`);
    const text = mail?.text ?? '';
    expect(text).toContain(`${apiEnv.CONSOLE_BASE_URL.replace(/\/$/, '')}/incidents/${incidentId}`);
    expect(text).toContain('発生日時: 2026-12-08 10:15:00（日本時間）');
    expect(text).toContain('種類: のぞき込み（検出された顔の数: 2）');
    expect(text).toContain('PC: PC-01');
    expect(mail?.attachments).toHaveLength(0);
    expect(mail?.html).toBe(false);
    expect(text).not.toMatch(/\/api\/images|\.jpe?g|data:image/i);
  });

  it('sends exactly one mail per incident and recipient when the agent re-delivers the event and senders race', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await emailOf(t.users.manager.id);
    const clientEventId = randomUUID();
    const first = await incident(t, at('2026-12-08T01:00:00Z'), { clientEventId });
    const again = await incident(t, at('2026-12-08T01:00:00Z'), { clientEventId });
    expect(again).toEqual({ incidentId: first.incidentId, duplicate: true });
    // The request's after-commit send and the minute job at the same moment: one claim wins.
    const results = await Promise.all([send(db, t), send(db, t), send(db, t)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    await incident(t, at('2026-12-08T01:00:00Z'), { clientEventId });
    expect(await send(db, t, at('2026-12-08T02:00:00Z'))).toEqual({ sent: 0, failed: 0 });
    expect(mailsTo(manager)).toHaveLength(1);
    expect(await adminDb.incidentAlert.findMany({ where: { tenantId: t.tenantId }, select: { status: true, attempts: true } })).toEqual([{ status: 'SENT', attempts: 1 }]);
  });

  it('goes out at once from the agent\u2019s own call, once, even when the agent sends the event twice', async () => {
    const t = await createTenantFixture(adminDb);
    // A unique address, so the outbox folder (this run's mailer without SMTP) can be searched for it.
    const address = `mgr-${randomUUID()}@example.test`;
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { email: address } });
    const agent = await signedInAgent(db, t);
    const event = { clientEventId: randomUUID(), kind: 'IMPERSONATION' as const, faceCount: 1, similarity: 0.2, occurredAt: new Date() };
    const [a, b] = await Promise.all([agent.caller.agent.work.incident(event), agent.caller.agent.work.incident(event)].map((p) => p.catch((e: unknown) => e)));
    const ids = [a, b].flatMap((r) => (r && typeof r === 'object' && 'incidentId' in r ? [r.incidentId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(1);
    await agent.caller.agent.work.incident(event);
    const outboxTo = async () => {
      const dir = path.resolve(apiEnv.MAIL_OUTBOX_DIR);
      const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
      const parsed = await Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(dir, f)))));
      return parsed.filter((m) => JSON.stringify(m.to).includes(address));
    };
    await expect.poll(async () => (await outboxTo()).length, { timeout: 10_000, interval: 100 }).toBe(1);
    // The minute job finds nothing left to send for it.
    expect(await send(db, t, new Date())).toEqual({ sent: 0, failed: 0 });
    const [mail] = await outboxTo();
    expect(mail?.subject).toContain('なりすまし');
    expect(mail?.text).toContain(`/incidents/${ids[0]}`);
    expect(mail?.attachments).toHaveLength(0);
  });

  it('falls back to the administrators when the groups have no manager, and copies them when the tenant asks', async () => {
    const t = await createTenantFixture(adminDb);
    const [manager, admin] = [await emailOf(t.users.manager.id), await emailOf(t.users.admin.id)];
    await adminDb.groupMembership.deleteMany({ where: { tenantId: t.tenantId, kind: 'MANAGER' } });
    await incident(t, at('2026-12-08T00:00:00Z'));
    await send(db, t);
    expect([mailsTo(manager).length, mailsTo(admin).length]).toEqual([0, 1]);

    await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: t.groupId, userId: t.users.manager.id, kind: 'MANAGER' } });
    const adminBrowser = await signedInUser(db, t, 'admin');
    await adminBrowser.console((c) => c.incidentAlerts.setAdminsAlways({ enabled: true }));
    await incident(t, at('2026-12-08T00:05:00Z'));
    await send(db, t);
    expect([mailsTo(manager).length, mailsTo(admin).length]).toEqual([1, 2]);
  });

  it('follows each recipient\u2019s choice: English for English users, nothing immediate for digest or off', async () => {
    const t = await createTenantFixture(adminDb);
    const extra = await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'mgr2', name: 'Second Manager', role: 'MANAGER', email: `mgr2-${randomUUID()}@example.test`, language: 'en' } });
    const third = await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'mgr3', name: 'Third', role: 'MANAGER', email: `mgr3-${randomUUID()}@example.test`, incidentAlertMode: 'OFF' } });
    await adminDb.groupMembership.createMany({ data: [extra, third].map((u) => ({ tenantId: t.tenantId, groupId: t.groupId, userId: u.id, kind: 'MANAGER' as const })) });
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { incidentAlertMode: 'DAILY_DIGEST' } });
    const { incidentId } = await incident(t, at('2026-12-08T01:20:00Z'), { kind: 'SPOOF' });
    expect(await send(db, t)).toEqual({ sent: 1, failed: 0 });
    expect(mailsTo(await emailOf(t.users.manager.id))).toHaveLength(0);
    expect(mailsTo(third.email ?? '')).toHaveLength(0);
    const [mail] = mailsTo(extra.email ?? '');
    expect(mail?.subject).toBe(`[Telework Supporter] Incident: Spoofing with a photo or screen (worker ${t.systemId.slice(4)})`);
    expect(mail?.text).toContain('Occurred: 2026-12-08 10:20:00 (Japan time)');
    expect(mail?.text).toContain(`/incidents/${incidentId}`);
  });

  it('retries a refused mail on the next run and records the attempts', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await emailOf(t.users.manager.id);
    const refusing = await startTestSmtpServer({ rejectRecipients: [manager] });
    try {
      await incident(t, at('2026-12-08T01:00:00Z'));
      expect(await sendIncidentAlerts(db, smtpMailer(refusing.url), { tenantId: t.tenantId, now: NOW })).toEqual({ sent: 0, failed: 1 });
      expect(await send(db, t, at('2026-12-08T01:31:00Z'))).toEqual({ sent: 1, failed: 0 });
      expect(mailsTo(manager)).toHaveLength(1);
      expect(await adminDb.incidentAlert.findFirst({ where: { tenantId: t.tenantId }, select: { status: true, attempts: true } })).toEqual({ status: 'SENT', attempts: 2 });
    } finally {
      await refusing.close();
    }
  });

  it('keeps tenants apart: another tenant\u2019s run sends nothing of this tenant\u2019s, and its people get nothing', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    await adminDb.tenant.update({ where: { id: b.tenantId }, data: { incidentAlertAdmins: true } });
    await incident(a, at('2026-12-08T01:10:00Z'));
    expect(await send(db, b)).toEqual({ sent: 0, failed: 0 });
    expect(await send(db, a)).toEqual({ sent: 1, failed: 0 });
    for (const who of ['admin', 'manager'] as const) expect(mailsTo(await emailOf(b.users[who].id))).toHaveLength(0);
    // Row-level security: B's scope sees none of A's alert rows.
    expect(await withTenant(db, b.tenantId, (tx) => tx.incidentAlert.count({ where: { tenantId: a.tenantId } }))).toBe(0);
  });
});

describe('daily incident digest', () => {
  it('sums up the previous JST day per recipient, once a day', async () => {
    const t = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { incidentAlertMode: 'DAILY_DIGEST' } });
    await adminDb.user.update({ where: { tenantId_id: { tenantId: b.tenantId, id: b.users.manager.id } }, data: { incidentAlertMode: 'DAILY_DIGEST' } });
    const manager = await emailOf(t.users.manager.id);
    // 2026-12-06 23:59 JST (the day before), 12-07 09:00 and 23:30 JST (the day), 12-08 00:30 JST (the next day).
    const clock = { now: at('2026-12-08T01:00:00Z') };
    await incident(t, at('2026-12-06T14:59:00Z'), clock);
    const morning = await incident(t, at('2026-12-07T00:00:00Z'), { ...clock, kind: 'IMPERSONATION' });
    const night = await incident(t, at('2026-12-07T14:30:00Z'), clock);
    await incident(t, at('2026-12-07T15:30:00Z'), clock);
    // No immediate mail for a digest reader.
    expect(await send(db, t)).toEqual({ sent: 0, failed: 0 });

    const digestAt = at('2026-12-07T22:10:00Z'); // 2026-12-08 07:10 JST
    expect(await sendIncidentDigests(db, smtpMailer(smtp.url), { tenantId: t.tenantId, now: digestAt })).toEqual({ day: '2026-12-07', sent: 1, failed: 0 });
    const [mail] = mailsTo(manager);
    expect(mail?.subject).toBe('【Telework Supporter】インシデントのまとめ 2026-12-07（2件）');
    const text = mail?.text ?? '';
    expect(text).toContain('2026-12-07（日本時間）に記録されたインシデントは 2 件です。');
    expect(text.indexOf('09:00:00')).toBeLessThan(text.indexOf('23:30:00'));
    expect(text).toContain(`/incidents/${morning.incidentId}`);
    expect(text).toContain(`/incidents/${night.incidentId}`);
    expect(text).not.toContain('23:59:00');
    expect(text).not.toContain('00:30:00');
    expect(mail?.attachments).toHaveLength(0);
    expect(text).not.toMatch(/\/api\/images/);

    // A second run the same day (a re-run, a second worker) sends nothing.
    expect((await sendIncidentDigests(db, smtpMailer(smtp.url), { tenantId: t.tenantId, now: at('2026-12-08T03:00:00Z') })).sent).toBe(0);
    expect(mailsTo(manager)).toHaveLength(1);
    // The other tenant's run covers its own (empty) day only.
    expect((await sendIncidentDigests(db, smtpMailer(smtp.url), { tenantId: b.tenantId, now: digestAt })).sent).toBe(0);
    expect(mailsTo(await emailOf(b.users.manager.id))).toHaveLength(0);

    // The next day's run: the 00:30 incident only.
    expect(await sendIncidentDigests(db, smtpMailer(smtp.url), { tenantId: t.tenantId, now: at('2026-12-08T22:10:00Z') })).toEqual({ day: '2026-12-08', sent: 1, failed: 0 });
    expect(mailsTo(manager)[1]?.subject).toBe('【Telework Supporter】インシデントのまとめ 2026-12-08（1件）');
    expect(await adminDb.incidentDigest.count({ where: { tenantId: t.tenantId, status: 'SENT' } })).toBe(2);
  });
});

describe('alert settings and who may change them', () => {
  it('lets managers and admins choose their own mode, only admins the tenant rule, workers neither; audited', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const worker = await signedInUser(db, a, 'worker');
    const manager = await signedInUser(db, a, 'manager');
    const otherAdmin = await signedInUser(db, b, 'admin');
    expect(await trpcCodeOf(worker.console((c) => c.incidentAlerts.settings()))).toBe('FORBIDDEN');
    expect(await trpcCodeOf(worker.console((c) => c.incidentAlerts.setMode({ mode: 'OFF' })))).toBe('FORBIDDEN');
    expect(await trpcCodeOf(manager.console((c) => c.incidentAlerts.setAdminsAlways({ enabled: true })))).toBe('FORBIDDEN');
    expect(await manager.console((c) => c.incidentAlerts.setMode({ mode: 'DAILY_DIGEST' }))).toEqual({ mode: 'DAILY_DIGEST', changed: true });
    expect(await manager.console((c) => c.incidentAlerts.settings())).toEqual({ mode: 'DAILY_DIGEST', hasEmail: true, adminsAlways: false, mayChangeAdmins: false });
    // Another tenant's administrator changes his own tenant only.
    await otherAdmin.console((c) => c.incidentAlerts.setAdminsAlways({ enabled: true }));
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: a.tenantId } })).incidentAlertAdmins).toBe(false);
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: b.tenantId } })).incidentAlertAdmins).toBe(true);
    const logged = await adminDb.auditLog.findMany({ where: { tenantId: a.tenantId, action: { startsWith: 'incident.alert' } }, select: { action: true, actorId: true, details: true } });
    expect(logged).toEqual([{ action: 'incident.alert_mode.updated', actorId: a.users.manager.id, details: { incidentAlertMode: { from: 'IMMEDIATE', to: 'DAILY_DIGEST' } } }]);
  });
});
