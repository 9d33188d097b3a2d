import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { apiEnv } from '../env';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer | Uint8Array; contentType?: string }[];
}

export interface SentMail {
  messageId: string;
  /** Where the message went: the SMTP server's reply, or the outbox file. */
  destination: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}

/**
 * For mail that must not undo what is already decided (an accepted contract, a stored inquiry): true
 * when the message left, false when the server refused it or could not be reached.
 */
export async function trySend(mailer: Mailer, mail: OutgoingMail): Promise<boolean> {
  try {
    await mailer.send(mail);
    return true;
  } catch {
    return false;
  }
}

/** Sends through SMTP. Rejected recipients make `send` throw, so callers can record and retry. */
export function smtpMailer(url: string, from = apiEnv.MAIL_FROM): Mailer {
  const transport: Transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail, attachments: mail.attachments?.map((a) => ({ ...a, content: Buffer.from(a.content) })) });
      return { messageId: info.messageId, destination: String(info.response) };
    },
  };
}

/** Writes each message as an .eml file (RFC 5322), for the embedded default and local development. */
export function outboxMailer(dir: string, from = apiEnv.MAIL_FROM): Mailer {
  const transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail, attachments: mail.attachments?.map((a) => ({ ...a, content: Buffer.from(a.content) })) });
      const message: unknown = (info as { message?: unknown }).message;
      if (!(message instanceof Buffer)) throw new Error('mail: the stream transport returned no buffer');
      await mkdir(dir, { recursive: true });
      const file = path.join(path.resolve(dir), `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`);
      await writeFile(file, message);
      return { messageId: info.messageId, destination: file };
    },
  };
}

let configured: Mailer | undefined;

/** The mailer configured for this process (SMTP_URL, else the outbox folder). */
export function getMailer(): Mailer {
  configured ??= apiEnv.SMTP_URL ? smtpMailer(apiEnv.SMTP_URL) : outboxMailer(apiEnv.MAIL_OUTBOX_DIR);
  return configured;
}
