import { trySend, type Mailer } from '../mail/mailer';
import { supportEnv } from './env';

const jst = (d: Date) => d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });

// Mail is best-effort (trySend): the inquiry is already stored and on the operators' list, so a mail
// failure must not undo it. The result says whether the message left, for the caller to show.

export function notifySupport(
  mailer: Mailer,
  i: { number: string; subject: string; tenantName: string; systemId: string; administratorName: string; body: string; firstAnswerDueAt: Date; reply: boolean },
): Promise<boolean> {
  return trySend(mailer, {
    to: supportEnv.SUPPORT_EMAIL,
    subject: `[${i.number}] ${i.reply ? '返信' : '新規お問合せ'}: ${i.subject}`,
    text: [
      `お客様: ${i.tenantName} (システムID ${i.systemId})`,
      `管理者: ${i.administratorName}`,
      `一次回答期限: ${jst(i.firstAnswerDueAt)} (日本時間)`,
      '',
      i.body,
    ].join('\n'),
  });
}

export function notifyAdministrator(mailer: Mailer, to: string, i: { number: string; subject: string; body: string; autoAcceptAt: Date }): Promise<boolean> {
  return trySend(mailer, {
    to,
    subject: `[${i.number}] お問合せへの回答: ${i.subject}`,
    text: [
      i.body,
      '',
      `${jst(i.autoAcceptAt)} (日本時間) までにご返信がない場合、この回答をご承諾いただいたものとして扱います。`,
    ].join('\n'),
  });
}
