import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@telework/db';
import { jstDateTimeToInstant } from '../calendar';
import { smtpMailer } from '../mail/mailer';
import { signedInUser, trpcCodeOf } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { startTestSmtpServer } from '../testing/smtp';
import { closeForgottenSessions } from './forgotten-sessions';
import { requestCorrection } from './punch-corrections';

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
const at = (date: string, hh: number, mm = 0) => jstDateTimeToInstant(date, hh * 60 + mm);

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  t = await createTenantFixture(adminDb);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-11-11', 10, 0));
});
afterEach(() => {
  vi.useRealTimers();
});

/** The worker starts at 09:00 on 11-10, forgets to punch out, and the default rule closes at midnight. */
async function forgottenEnd() {
  const open = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, startedAt: at('2026-11-10', 9, 0), openForUserId: t.users.worker.id } });
  await withTenant(db, t.tenantId, (tx) => closeForgottenSessions(tx, { tenantId: t.tenantId, now: at('2026-11-11', 0, 10) }));
  return open.id;
}

const day = async (who: Awaited<ReturnType<typeof signedInUser>>, date: string) => {
  const report = await who.console((c) => c.analytics.work({ from: date, to: date, groupId: t.groupId }));
  return { row: report.days.find((d) => d.workerId === t.users.worker.id && d.date === date), totals: report.workers.find((w) => w.userId === t.users.worker.id) };
};

describe('打刻修正: request, decision, report', () => {
  it('a forgotten end: the worker asks with a reason, the manager is mailed and approves, the report shows 9 h with its mark, the punch stays', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const manager = await signedInUser(db, t, 'manager');
    expect((await day(manager, '2026-11-10')).row).toMatchObject({ workedMinutes: 15 * 60, corrected: false });

    // The service with a real SMTP server, to read the approver's mail.
    const request = await withTenant(db, t.tenantId, (tx) =>
      requestCorrection(tx, { tenantId: t.tenantId, actor: { id: t.users.worker.id, role: 'WORKER' }, times: { workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: '終了打刻を忘れました' }, now: new Date(), mailer: smtpMailer(smtp.url) }),
    );
    expect(request).toMatchObject({ status: 'PENDING', notified: true });
    const [mail] = await smtp.waitFor(1);
    const managerEmail = (await adminDb.user.findFirstOrThrow({ where: { id: t.users.manager.id } })).email;
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain(managerEmail ?? '—');
    expect(mail?.text).toContain('2026-11-10 18:00:00');
    expect(mail?.text).toContain('終了打刻を忘れました');

    // Pending: the figures do not move.
    expect((await day(manager, '2026-11-10')).row).toMatchObject({ workedMinutes: 15 * 60, corrected: false });
    const waiting = await manager.console((c) => c.corrections.toDecide({}));
    expect(waiting.map((c) => c.id)).toEqual([request.id]);
    // A second request for the same session waits behind the first.
    expect(await trpcCodeOf(worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 17, 0), reason: 'again' })))).toBe('CONFLICT');

    await manager.console((c) => c.corrections.decide({ id: request.id, approve: true, note: '確認しました' }));
    const { row, totals } = await day(manager, '2026-11-10');
    expect(row).toMatchObject({ workedMinutes: 9 * 60, corrected: true, lastEndAt: at('2026-11-10', 18, 0) });
    expect(totals?.workedMinutes).toBe(9 * 60);
    // The punched session is as it was.
    expect(await adminDb.workSession.findFirstOrThrow({ where: { id: sessionId } })).toMatchObject({ endedAt: at('2026-11-11', 0, 0), flaggedForgotten: true });
    // The worker sees the outcome; the audit log has both steps.
    expect((await worker.console((c) => c.corrections.mine())).map((c) => [c.status, c.decisionNote])).toEqual([['APPROVED', '確認しました']]);
    const actions = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, targetId: request.id }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['work.correction_requested', 'work.correction_approved']);
    // Decided once only.
    expect(await trpcCodeOf(manager.console((c) => c.corrections.decide({ id: request.id, approve: false })))).toBe('CONFLICT');
  });

  it('a rejected request changes nothing; nobody decides their own; a worker cannot decide', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const manager = await signedInUser(db, t, 'manager');
    const admin = await signedInUser(db, t, 'admin');
    const request = await worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'forgot' }));
    expect(await trpcCodeOf(worker.console((c) => c.corrections.decide({ id: request.id, approve: true })))).toBe('FORBIDDEN');
    await manager.console((c) => c.corrections.decide({ id: request.id, approve: false, note: '18時以降も作業記録あり' }));
    expect((await day(manager, '2026-11-10')).row).toMatchObject({ workedMinutes: 15 * 60, corrected: false });
    expect((await worker.console((c) => c.corrections.mine()))[0]?.status).toBe('REJECTED');

    // The manager's own session: his request goes to someone else.
    const own = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: t.users.manager.id, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 10, 0) } });
    const mine = await manager.console((c) => c.corrections.request({ workSessionId: own.id, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'x' }));
    expect(await trpcCodeOf(manager.console((c) => c.corrections.decide({ id: mine.id, approve: true })))).toBe('FORBIDDEN');
    expect(await trpcCodeOf(admin.console((c) => c.corrections.decide({ id: mine.id, approve: true })))).toBe('OK');
  });

  it('refuses bad times and other people’s sessions with typed errors', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const request = (over: Partial<{ workSessionId: string | null; startedAt: Date; endedAt: Date; reason: string }>) =>
      trpcCodeOf(worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'r', ...over })));
    expect(await request({ endedAt: at('2026-11-10', 8, 0) })).toBe('BAD_REQUEST');
    expect(await request({ endedAt: at('2026-11-11', 12, 0) })).toBe('BAD_REQUEST'); // after "now"
    expect(await request({ startedAt: at('2026-11-09', 8, 0) })).toBe('BAD_REQUEST'); // over 24 h
    expect(await request({ reason: '   ' })).toBe('BAD_REQUEST');
    // Another worker's session of the same tenant.
    const other = await addWorker(adminDb, t);
    const theirs = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: other, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 10, 0) } });
    expect(await request({ workSessionId: theirs.id })).toBe('NOT_FOUND');
    expect(await adminDb.punchCorrection.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it('an administrator corrects directly: work never punched is added, approved at once, marked and audited', async () => {
    const admin = await signedInUser(db, t, 'admin');
    const created = await admin.console((c) => c.corrections.correctDirectly({ userId: t.users.worker.id, workSessionId: null, startedAt: at('2026-11-09', 9, 0), endedAt: at('2026-11-09', 17, 30), reason: 'PC故障のため紙で記録' }));
    expect(created).toMatchObject({ status: 'APPROVED', decidedById: t.users.admin.id });
    const { row } = await day(admin, '2026-11-09');
    expect(row).toMatchObject({ workedMinutes: 8 * 60 + 30, corrected: true });
    expect(await adminDb.workSession.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'work.correction_applied', targetId: created.id } })).toBe(1);
    const manager = await signedInUser(db, t, 'manager');
    expect(await trpcCodeOf(manager.console((c) => c.corrections.correctDirectly({ userId: t.users.worker.id, workSessionId: null, startedAt: at('2026-11-09', 9, 0), endedAt: at('2026-11-09', 10, 0), reason: 'x' })))).toBe('FORBIDDEN');
  });
});

describe('月次締め', () => {
  it('a closed month refuses new requests, approvals and direct corrections until reopened; rejection still works; both steps audited', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const manager = await signedInUser(db, t, 'manager');
    const admin = await signedInUser(db, t, 'admin');
    const waiting = await worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'forgot' }));

    await admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-11' }));
    expect(await trpcCodeOf(admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-11' })))).toBe('CONFLICT');
    const refused = (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string; cause?: { details?: { reason?: string } } }) => `${e.code}:${e.cause?.details?.reason ?? ''}`);
    expect(await refused(manager.console((c) => c.corrections.decide({ id: waiting.id, approve: true })))).toBe('CONFLICT:MONTH_CLOSED');
    expect(await refused(worker.console((c) => c.corrections.request({ workSessionId: null, startedAt: at('2026-11-09', 9, 0), endedAt: at('2026-11-09', 18, 0), reason: 'x' })))).toBe('CONFLICT:MONTH_CLOSED');
    expect(await refused(admin.console((c) => c.corrections.correctDirectly({ userId: t.users.worker.id, workSessionId: null, startedAt: at('2026-11-09', 9, 0), endedAt: at('2026-11-09', 18, 0), reason: 'x' })))).toBe('CONFLICT:MONTH_CLOSED');
    // Work ending at midnight into a closed month is in it too (the session of 10-31 → 11-01 00:30).
    expect(await refused(worker.console((c) => c.corrections.request({ workSessionId: null, startedAt: at('2026-10-31', 20, 0), endedAt: at('2026-11-01', 0, 30), reason: 'x' })))).toBe('CONFLICT:MONTH_CLOSED');
    // Another month is not affected.
    expect(await refused(worker.console((c) => c.corrections.request({ workSessionId: null, startedAt: at('2026-10-30', 9, 0), endedAt: at('2026-10-30', 18, 0), reason: 'x' })))).toBe('OK');
    expect((await day(manager, '2026-11-10')).row).toMatchObject({ workedMinutes: 15 * 60, corrected: false });

    await admin.console((c) => c.monthClose.reopen({ groupId: t.groupId, month: '2026-11' }));
    expect(await trpcCodeOf(admin.console((c) => c.monthClose.reopen({ groupId: t.groupId, month: '2026-11' })))).toBe('CONFLICT');
    await manager.console((c) => c.corrections.decide({ id: waiting.id, approve: true }));
    expect((await day(manager, '2026-11-10')).row).toMatchObject({ workedMinutes: 9 * 60, corrected: true });
    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { startsWith: 'attendance.' } }, orderBy: { createdAt: 'asc' }, select: { action: true, details: true } });
    expect(audit).toEqual([
      { action: 'attendance.month_closed', details: { month: '2026-11' } },
      { action: 'attendance.month_reopened', details: { month: '2026-11' } },
    ]);
    expect((await admin.console((c) => c.monthClose.list())).map((m) => [m.month, m.reopenedAt !== null])).toEqual([['2026-11', true]]);

    // Month edges: with October closed, work from 11-01 00:00 is November's and passes; work ending at
    // 11-01 00:00 is October's and is refused.
    await admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-10' }));
    expect(await refused(worker.console((c) => c.corrections.request({ workSessionId: null, startedAt: at('2026-11-01', 0, 0), endedAt: at('2026-11-01', 9, 0), reason: 'x' })))).toBe('OK');
    expect(await refused(worker.console((c) => c.corrections.request({ workSessionId: null, startedAt: at('2026-10-31', 20, 0), endedAt: at('2026-11-01', 0, 0), reason: 'x' })))).toBe('CONFLICT:MONTH_CLOSED');
  });
});

describe('打刻修正: tenant isolation', () => {
  it('another tenant’s ids are NOT_FOUND for every procedure, and its lists stay empty', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const request = await worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'forgot' }));

    const other = await createTenantFixture(adminDb);
    const otherAdmin = await signedInUser(db, other, 'admin');
    const otherManager = await signedInUser(db, other, 'manager');
    const otherWorker = await signedInUser(db, other, 'worker');
    expect(await trpcCodeOf(otherAdmin.console((c) => c.corrections.decide({ id: request.id, approve: true })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(otherManager.console((c) => c.corrections.decide({ id: request.id, approve: false })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(otherAdmin.console((c) => c.corrections.correctDirectly({ userId: t.users.worker.id, workSessionId: null, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'x' })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(otherAdmin.console((c) => c.corrections.correctDirectly({ userId: other.users.worker.id, workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'x' })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(otherWorker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'x' })))).toBe('NOT_FOUND');
    expect(await otherAdmin.console((c) => c.corrections.toDecide({}))).toEqual([]);
    expect(await otherWorker.console((c) => c.corrections.mine())).toEqual([]);
    expect(await otherWorker.console((c) => c.corrections.mySessions({ from: '2026-11-01', to: '2026-11-30' }))).toEqual([]);
    // Nothing changed in the first tenant.
    expect(await adminDb.punchCorrection.findFirstOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'PENDING', decidedById: null });
    expect(await adminDb.punchCorrection.count({ where: { tenantId: other.tenantId } })).toBe(0);
  });

  it('a manager of another group in the same tenant cannot see or decide the request', async () => {
    const sessionId = await forgottenEnd();
    const worker = await signedInUser(db, t, 'worker');
    const request = await worker.console((c) => c.corrections.request({ workSessionId: sessionId, startedAt: at('2026-11-10', 9, 0), endedAt: at('2026-11-10', 18, 0), reason: 'forgot' }));
    const group = await adminDb.group.create({ data: { tenantId: t.tenantId, name: '開発部' } });
    const stranger = await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'mgr2', name: 'mgr2', role: 'MANAGER', passwordHash: (await adminDb.user.findFirstOrThrow({ where: { id: t.users.manager.id } })).passwordHash } });
    await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: group.id, userId: stranger.id, kind: 'MANAGER' } });
    const tf = { ...t, users: { ...t.users, manager: { id: stranger.id, loginId: 'mgr2', role: 'MANAGER' as const } } };
    const other = await signedInUser(db, tf, 'manager');
    expect(await other.console((c) => c.corrections.toDecide({}))).toEqual([]);
    expect(await trpcCodeOf(other.console((c) => c.corrections.decide({ id: request.id, approve: true })))).toBe('NOT_FOUND');
  });
});
