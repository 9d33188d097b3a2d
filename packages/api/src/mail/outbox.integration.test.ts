import { describe, expect, it } from 'vitest';
import { apiEnv } from '../env';
import { signedInUser } from '../testing/callers';
import { createTenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { outboxMailer } from './mailer';

const { db, adminDb } = useTestDatabase();

describe('mail outbox in the console', () => {
  it('shows an administrator only the mail sent to people of his own tenant', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const emailOf = async (userId: string) => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).email ?? '';
    const mailer = outboxMailer(apiEnv.MAIL_OUTBOX_DIR);
    await mailer.send({ to: await emailOf(a.users.manager.id), subject: '週次レポート A', text: 'for a' });
    await mailer.send({ to: await emailOf(b.users.manager.id), subject: '週次レポート B', text: 'for b' });
    const admin = await signedInUser(db, a, 'admin');
    const box = await admin.console((c) => c.mail.outbox());
    expect(box.map((m) => m.subject)).toContain('週次レポート A');
    expect(box.map((m) => m.subject)).not.toContain('週次レポート B');
  });
});
