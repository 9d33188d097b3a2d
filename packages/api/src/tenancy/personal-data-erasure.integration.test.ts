import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withScope, type Db } from '@telework/db';
import { resendInvitation } from '../contracts/administrators';
import { submitDetailsChange } from '../contracts/details-change';
import { acceptInvitation } from '../contracts/invitations';
import { runContractLifecycle } from '../contracts/lifecycle-job';
import { formCustomer, jst } from '../contracts/testing/contract-world';
import { requestCustomerTermination } from '../contracts/termination';
import { purgePersonalData } from '../evidence/retention';
import { smtpMailer, type Mailer } from '../mail/mailer';
import { LocalBlobStore } from '../storage';
import { TestBrowser } from '../testing/callers';
import { useOwnTestDatabase } from '../testing/db';
import { startTestSmtpServer } from '../testing/smtp';
import { ERASED_USER_NAME } from './personal-data-erasure';

// 第26条3項: once the purge date has come, no personal data of the customer's people is left anywhere
// in the database. The search does not trust our list of tables: it reads every text-like column of
// every table PostgreSQL has, in every schema.

const world = useOwnTestDatabase();
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = smtpMailer(smtp.url);
});
afterAll(() => smtp.close());
// The sign-in and the seat check read the clock: the story runs on fixed days of the contract's term.
afterEach(() => {
  vi.useRealTimers();
});

/** Where `needle` occurs: `schema.table.column` of every text, varchar, json(b) or array column holding it. */
async function whereFound(adminDb: Db, needle: string): Promise<string[]> {
  const columns = await adminDb.$queryRaw<{ table_schema: string; table_name: string; column_name: string }[]>`
    SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`;
  const found: string[] = [];
  for (const c of columns) {
    const q = `SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}"::text ILIKE '%' || $1 || '%'`;
    const [row] = await adminDb.$queryRawUnsafe<{ n: number }[]>(q, needle);
    if ((row?.n ?? 0) > 0) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe('第26条3項: the personal-data purge', () => {
  it('leaves no name, e-mail address or personal login ID of the customer’s people in any column of any table; keeps the contract, invoices and anonymous audit trail', async () => {
    const { db, adminDb } = world;
    const people = {
      admin: { name: '山田 太郎', department: '総務部', email: 'yamada.taro@purge.example' },
      second: { name: '鈴木 一郎', department: '経理部', email: 'suzuki.ichiro@purge.example' },
      worker: { name: '佐藤 花子', department: '開発二課', email: 'sato.hanako@purge.example', loginId: 'sato.hanako' },
    };
    const c = await formCustomer(db, adminDb, mailer, {
      formedAt: jst('2026-04-01'), channel: 'RESELLER', application: { administrators: [people.admin, people.second] },
    });
    // The first administrator sets a password; the second never does, so an operator re-sends the link (its e-mail goes into the provider's log).
    const invite = smtp.received.find((m) => JSON.stringify(m.to).includes(people.admin.email));
    const token = decodeURIComponent(/\/invite\/([^\s]+)/.exec(invite?.text ?? '')?.[1] ?? '');
    await acceptInvitation(db, { token, password: 'Yamada-pass-2026!', now: jst('2026-04-02') });
    const second = await adminDb.user.findFirstOrThrow({ where: { tenantId: c.tenantId, email: people.second.email } });
    await withScope(db, { operator: true }, (tx) => resendInvitation(tx, mailer, { id: c.operatorId }, { tenantId: c.tenantId, userId: second.id, now: jst('2026-04-20') }));

    // The administrator signs in (a session, an audit entry), fails once (a sign-in counter keyed by login ID), adds a worker.
    vi.useFakeTimers({ toFake: ['Date'], now: jst('2026-04-25', '10:00') });
    const browser = new TestBrowser(db, 'console');
    await browser.console((x) => x.auth.signIn({ systemId: c.systemId, loginId: people.worker.loginId, password: 'wrong-password-1' })).catch(() => undefined);
    await browser.console((x) => x.auth.signIn({ systemId: c.systemId, loginId: 'admin', password: 'Yamada-pass-2026!' }));
    await browser.console((x) => x.users.create({ ...people.worker, role: 'WORKER', language: 'ja', groupIds: [] }));
    const adminUser = await adminDb.user.findFirstOrThrow({ where: { tenantId: c.tenantId, loginId: 'admin' } });
    const worker = await adminDb.user.findFirstOrThrow({ where: { tenantId: c.tenantId, loginId: people.worker.loginId } });
    await withScope(db, { tenantId: c.tenantId }, (tx) => submitDetailsChange(tx, mailer, { tenantId: c.tenantId, userId: adminUser.id }, { administratorUserIds: [adminUser.id], note: `${people.second.name} は退職しました` }));
    // What the provider's channels hold about them: an inquiry, a notice delivery, a request about the worker.
    const inquiry = await adminDb.inquiry.create({
      data: { tenantId: c.tenantId, number: `Q-${c.systemId}`, administratorId: adminUser.id, channel: 'WEB', subject: `${people.worker.name} の顔登録`, receivedAt: jst('2026-05-01'), firstAnswerDueAt: jst('2026-05-01', '13:00') },
    });
    await adminDb.inquiryMessage.create({ data: { tenantId: c.tenantId, inquiryId: inquiry.id, author: 'ADMINISTRATOR', userId: adminUser.id, body: `${people.worker.email} に連絡してください` } });
    const notice = await adminDb.notice.create({ data: { kind: 'GENERAL', audience: 'SELECTED_TENANTS', titleJa: 'お知らせ', bodyJa: '本文', publishAt: jst('2026-05-01'), createdByOperatorId: c.operatorId } });
    await adminDb.noticeDelivery.create({ data: { tenantId: c.tenantId, noticeId: notice.id, userId: adminUser.id, email: people.admin.email, status: 'SENT', sentAt: jst('2026-05-01') } });
    await adminDb.personalDataRequest.create({ data: { tenantId: c.tenantId, requestedById: adminUser.id, subjectUserId: worker.id, subjectDescription: `${people.worker.name} (${people.worker.loginId})`, kind: 'DISCLOSE' } });

    const needles = [people.admin.name, people.admin.email, people.second.name, people.second.email, people.worker.name, people.worker.email, people.worker.loginId];
    // Before the purge, the search finds every one of them (so it can fail).
    for (const needle of needles) expect(await whereFound(adminDb, needle), needle).not.toEqual([]);

    // Terminated on 2026-12-10 → ends 2027-01-31 (第12条1項) → purge from 2027-03-01 (第26条3項).
    const resellerId = c.reseller?.resellerId ?? '';
    await withScope(db, { resellerId }, (tx) =>
      requestCustomerTermination(tx, mailer, { kind: 'RESELLER_STAFF', id: c.staffId ?? '', resellerId }, { tenantId: c.tenantId, contractId: c.contractId, desiredEndDate: '2027-01-31', now: jst('2026-12-10') }),
    );
    await runContractLifecycle(db, mailer, jst('2027-02-01', '00:05'));
    const tenant = await adminDb.tenant.findUniqueOrThrow({ where: { id: c.tenantId } });
    expect(tenant.personalDataPurgeAt?.toISOString()).toBe(jst('2027-03-01', '00:00').toISOString());
    const store = new LocalBlobStore(mkdtempSync(path.join(tmpdir(), 'tw-purge-')));
    const invoicesBefore = await adminDb.invoice.count({ where: { tenantId: c.tenantId } });
    const auditBefore = await adminDb.auditLog.count({ where: { tenantId: c.tenantId } });
    expect(await purgePersonalData(db, store, c.tenantId, jst('2027-02-28', '23:00'))).toBeNull();
    const purged = await purgePersonalData(db, store, c.tenantId, jst('2027-03-01', '03:45'));
    expect(purged?.erased.users).toBe(3);

    for (const needle of needles) expect(await whereFound(adminDb, needle), needle).toEqual([]);
    // What the terms keep: the customer (a corporation), its contract and invoices, the audit trail without people in it.
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: c.tenantId } })).name).toBe(tenant.name);
    expect(await adminDb.contract.count({ where: { tenantId: c.tenantId } })).toBe(1);
    expect(await adminDb.invoice.count({ where: { tenantId: c.tenantId } })).toBe(invoicesBefore);
    expect(await adminDb.auditLog.count({ where: { tenantId: c.tenantId } })).toBeGreaterThan(auditBefore);
    const users = await adminDb.user.findMany({ where: { tenantId: c.tenantId } });
    expect(users.map((u) => [u.name, u.email, u.department, u.passwordHash, u.isRegisteredAdministrator])).toEqual(users.map(() => [ERASED_USER_NAME, null, null, null, false]));
    // A second run finds nothing left to do.
    const again = await purgePersonalData(db, store, c.tenantId, jst('2027-03-02', '03:45'));
    expect(again?.erased).toEqual({ users: 0, rowsDeleted: 0, auditEntriesRedacted: 0 });
  });
});
