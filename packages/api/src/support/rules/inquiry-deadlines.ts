import { addBusinessMinutes } from './support-hours';

// 仕様書 サービス提供水準 4 ※: "原則として、電話受付後 3 時間内に、コールセンターより一次回答します。
// また、問い合わせに対する回答後 1 週間内に返答がない場合は、当該回答の内容に承諾したものと致します。"

export type InquiryChannel = 'phone' | 'email';

/** Three hours of support time for the first answer. */
export const FIRST_ANSWER_BUSINESS_MINUTES = 180;

/** One week (7 × 24 h): JST has no daylight saving, so a week is always exactly this long. */
export const AUTO_ACCEPT_AFTER_MS = 7 * 24 * 60 * 60_000;

/**
 * When the first answer is due. The specification promises it for phone inquiries only; for
 * e-mail (received 24 h a day) it states no deadline, so this returns null rather than invent one.
 * A caller that wants the same target for e-mail can use `addBusinessMinutes` directly, which
 * starts counting at the next opening when a message arrives outside hours.
 */
export function firstAnswerDueAt(receivedAt: Date, channel: InquiryChannel): Date | null {
  if (channel !== 'phone') return null;
  return addBusinessMinutes(receivedAt, FIRST_ANSWER_BUSINESS_MINUTES);
}

/** The moment an answer counts as accepted if the administrator has not replied. */
export function autoAcceptAt(answeredAt: Date): Date {
  return new Date(answeredAt.getTime() + AUTO_ACCEPT_AFTER_MS);
}

/**
 * Whether an answer now counts as accepted: one full week has passed since it was given and the
 * administrator has not replied to it since. A reply re-opens the conversation; the next answer
 * starts a new week.
 */
export function isAutoAcceptDue(answeredAt: Date, now: Date, repliedAfterAnswer: boolean): boolean {
  return !repliedAfterAnswer && now.getTime() >= autoAcceptAt(answeredAt).getTime();
}
