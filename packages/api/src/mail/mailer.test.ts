import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMailer, smtpMailer } from './mailer';
import { startTestSmtpServer } from '../testing/smtp';

describe('mailers', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({ rejectRecipients: ['nobody@example.test'] });
  });
  afterAll(() => smtp.close());

  it('delivers Japanese mail over SMTP, parsed back intact', async () => {
    await smtpMailer(smtp.url, 'Telework <no-reply@example.test>').send({ to: 'admin@example.test', subject: '週次レポート', text: '勤務時間 40:00' });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('週次レポート');
    expect(mail?.text?.trim()).toBe('勤務時間 40:00');
  });

  it('throws when the server refuses the recipient, so the caller can record and retry', async () => {
    await expect(smtpMailer(smtp.url).send({ to: 'nobody@example.test', subject: 'x', text: 'x' })).rejects.toThrow(/550|mailbox/);
  });

  it('writes an .eml file per message to the outbox folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
    const sent = await outboxMailer(dir).send({ to: 'a@example.test', subject: 'お知らせ', text: '本文' });
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(sent.destination).toBe(path.join(dir, files[0] ?? ''));
    expect(await readFile(sent.destination, 'utf8')).toMatch(/^Subject: =\?UTF-8\?/m);
  });
});
