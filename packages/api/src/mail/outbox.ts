import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Tx } from '@telework/db';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';

const MAX_MESSAGES = 200;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);
}

/**
 * Mail written to the outbox folder (the embedded default, without SMTP), as the console shows it to
 * a tenant's administrators: only messages addressed to people of their own tenant, newest first.
 */
export async function listOutbox(db: Tx, { tenantId }: { tenantId: string }) {
  if (apiEnv.SMTP_URL) throw new AppError('RULE_VIOLATION', 'Mail is sent through SMTP, not kept in an outbox.', { reason: 'SMTP_CONFIGURED' });
  const users = await db.user.findMany({ where: { tenantId, email: { not: null } }, select: { email: true } });
  const ours = new Set(users.flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])));
  const dir = path.resolve(apiEnv.MAIL_OUTBOX_DIR);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort().reverse();
  const out = [];
  for (const file of files) {
    if (out.length >= MAX_MESSAGES) break;
    const mail = await simpleParser(await readFile(path.join(dir, file)));
    const to = addresses(mail.to);
    if (!to.some((a) => ours.has(a))) continue;
    out.push({
      id: file,
      to: to.filter((a) => ours.has(a)),
      subject: mail.subject ?? '',
      date: mail.date ?? null,
      text: mail.text ?? '',
      attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', size: a.size })),
    });
  }
  return out;
}
