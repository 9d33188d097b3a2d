import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';

/** Every message the in-process SMTP server has received so far, oldest first. */
export async function receivedMails(): Promise<ParsedMail[]> {
  const dir = inject('smtpDir');
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml') && !f.startsWith('.')).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** Waits until a message to `address` that `match` accepts has arrived, and returns it. */
export async function waitForMail(address: string, match: (mail: ParsedMail) => boolean = () => true, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await receivedMails()).find((m) => recipients(m).includes(address.toLowerCase()) && match(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
