import type { IsoDate } from '../../calendar/day-number';
import { NOTICE_DAYS, checkNotice } from './notice';

/** Why the provider ends a contract. Each cause names the clause that allows it. */
export type ProviderTerminationCause =
  /** 第12条2項1号: the customer or a worker did something 第22条 prohibits. */
  | { kind: 'prohibited_act' }
  /** 第12条2項2号: dishonoured bill or cheque, bankruptcy or similar filing, seizure, tax default. */
  | { kind: 'insolvency' }
  /** 第12条2項3号: a breach the customer did not cure by the deadline of the provider's demand. */
  | { kind: 'uncured_breach'; demandSentAt: Date; cureDeadline: Date }
  /** 第28条2項: the customer is tied to anti-social forces. */
  | { kind: 'anti_social_forces' }
  /** 第21条 proviso: the provider's contract with its licensor ended. */
  | { kind: 'licensor_contract_ended' }
  /** 第12条3項: any other reason, with at least 30 days' notice. */
  | { kind: 'with_notice' };

export const PROVIDER_TERMINATION_CLAUSE: Record<ProviderTerminationCause['kind'], string> = {
  prohibited_act: '第12条2項1号',
  insolvency: '第12条2項2号',
  uncured_breach: '第12条2項3号',
  anti_social_forces: '第28条2項',
  licensor_contract_ended: '第21条',
  with_notice: '第12条3項',
};

export type ProviderTerminationPlan =
  | { ok: true; immediate: true; clause: string; effectiveAt: Date }
  | { ok: true; immediate: false; clause: string; endDate: IsoDate; noticeDays: number }
  | { ok: false; clause: string; reason: 'CURE_DEADLINE_NOT_PASSED'; cureDeadline: Date }
  | { ok: false; clause: string; reason: 'NO_CURE_PERIOD' }
  | { ok: false; clause: string; reason: 'END_DATE_REQUIRED' }
  | { ok: false; clause: string; reason: 'NOTICE_TOO_SHORT'; noticeDays: number; earliestEndDate: IsoDate };

/**
 * Decides whether and when the provider may end a contract: at once, without notice, for the
 * causes of 第12条2項, 第28条2項 and the 第21条 proviso; otherwise on `endDate`, which must be at least
 * 30 calendar days after the JST day of notice (第12条3項).
 */
export function planProviderTermination(
  cause: ProviderTerminationCause,
  decidedAt: Date,
  endDate?: IsoDate,
): ProviderTerminationPlan {
  const clause = PROVIDER_TERMINATION_CLAUSE[cause.kind];
  switch (cause.kind) {
    case 'uncured_breach':
      // "相当の期限を付して…催告" : a demand with no time to comply is not a demand.
      if (cause.cureDeadline.getTime() <= cause.demandSentAt.getTime()) return { ok: false, clause, reason: 'NO_CURE_PERIOD' };
      if (decidedAt.getTime() <= cause.cureDeadline.getTime()) {
        return { ok: false, clause, reason: 'CURE_DEADLINE_NOT_PASSED', cureDeadline: cause.cureDeadline };
      }
      return { ok: true, immediate: true, clause, effectiveAt: decidedAt };
    case 'prohibited_act':
    case 'insolvency':
    case 'anti_social_forces':
    case 'licensor_contract_ended':
      return { ok: true, immediate: true, clause, effectiveAt: decidedAt };
    case 'with_notice': {
      if (endDate === undefined) return { ok: false, clause, reason: 'END_DATE_REQUIRED' };
      const notice = checkNotice(decidedAt, endDate, NOTICE_DAYS);
      if (!notice.sufficient) {
        return { ok: false, clause, reason: 'NOTICE_TOO_SHORT', noticeDays: notice.noticeDays, earliestEndDate: notice.earliestDate };
      }
      return { ok: true, immediate: false, clause, endDate, noticeDays: notice.noticeDays };
    }
  }
}

export interface AdvisoryNotice {
  clause: string;
  noticeDays: number;
  /** False means the notice is shorter than the clause asks for; the action is still allowed. */
  fullNotice: boolean;
  earliestDateWithFullNotice: IsoDate;
}

/**
 * 第21条: the provider ends the service (wholly or partly) with 30 days' notice "可能な限り" (where
 * possible), so short notice is a warning to show the operator, not a refusal.
 */
export function checkServiceEndNotice(noticeAt: Date, serviceEndDate: IsoDate): AdvisoryNotice {
  const notice = checkNotice(noticeAt, serviceEndDate, NOTICE_DAYS);
  return { clause: '第21条', noticeDays: notice.noticeDays, fullNotice: notice.sufficient, earliestDateWithFullNotice: notice.earliestDate };
}

/** 第3条: changes to the terms are posted "原則として" at least 30 days before they apply. */
export function checkTermsChangeNotice(postedAt: Date, effectiveDate: IsoDate): AdvisoryNotice {
  const notice = checkNotice(postedAt, effectiveDate, NOTICE_DAYS);
  return { clause: '第3条', noticeDays: notice.noticeDays, fullNotice: notice.sufficient, earliestDateWithFullNotice: notice.earliestDate };
}
