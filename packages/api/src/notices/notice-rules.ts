import { AppError } from '../errors/app-error';

// Timing rules for notices: terms changes ≥ 30 days ahead (第3条), planned maintenance announced before
// its window unless it is an emergency (第18条), service end with 30 days' notice (第21条).

export type NoticeKind = 'GENERAL' | 'MAINTENANCE' | 'TERMS_CHANGE' | 'SERVICE_END';

export interface NoticeTiming {
  kind: NoticeKind;
  publishAt: Date;
  effectiveAt?: Date | null;
  maintenanceStartAt?: Date | null;
  maintenanceEndAt?: Date | null;
  emergency?: boolean;
}

const DAY_MS = 24 * 60 * 60_000;
export const ADVANCE_NOTICE_DAYS = 30;
/** How long a general notice stays "current" on the sign-in screen and home. */
export const GENERAL_SHOWN_DAYS = 30;

/** Throws VALIDATION for missing fields and RULE_VIOLATION (with a reason) for a notice published too late. */
export function assertNoticeTiming(n: NoticeTiming): void {
  if (n.kind === 'TERMS_CHANGE' || n.kind === 'SERVICE_END') {
    if (!n.effectiveAt) throw new AppError('VALIDATION', 'A date of effect is required.', { fieldErrors: { effectiveAt: ['required'] } });
    if (n.effectiveAt.getTime() - n.publishAt.getTime() < ADVANCE_NOTICE_DAYS * DAY_MS) {
      const reason = n.kind === 'TERMS_CHANGE' ? 'TERMS_CHANGE_NOTICE_TOO_SHORT' : 'SERVICE_END_NOTICE_TOO_SHORT';
      throw new AppError('RULE_VIOLATION', `This notice must be published at least ${ADVANCE_NOTICE_DAYS} days before it takes effect.`, { reason });
    }
  }
  if (n.kind === 'MAINTENANCE') {
    if (!n.maintenanceStartAt || !n.maintenanceEndAt) {
      throw new AppError('VALIDATION', 'The maintenance window is required.', { fieldErrors: { maintenanceStartAt: ['required'], maintenanceEndAt: ['required'] } });
    }
    if (n.maintenanceEndAt <= n.maintenanceStartAt) {
      throw new AppError('VALIDATION', 'The maintenance window ends before it starts.', { fieldErrors: { maintenanceEndAt: ['invalid'] } });
    }
    if (!n.emergency && n.publishAt >= n.maintenanceStartAt) {
      throw new AppError('RULE_VIOLATION', 'Planned maintenance must be announced before it starts (or marked as an emergency).', { reason: 'MAINTENANCE_NOT_IN_ADVANCE' });
    }
  }
}

/** Whether a published notice is still worth showing: maintenance until its window ends, others around their date. */
export function isCurrentNotice(n: NoticeTiming & { withdrawnAt?: Date | null }, now: Date): boolean {
  if (n.withdrawnAt || n.publishAt > now) return false;
  switch (n.kind) {
    case 'MAINTENANCE':
      return !n.maintenanceEndAt || n.maintenanceEndAt > now;
    case 'TERMS_CHANGE':
    case 'SERVICE_END':
      return !n.effectiveAt || n.effectiveAt.getTime() + GENERAL_SHOWN_DAYS * DAY_MS > now.getTime();
    default:
      return n.publishAt.getTime() + GENERAL_SHOWN_DAYS * DAY_MS > now.getTime();
  }
}

/** Delay before each retry, counted from the notice's publication: attempts grow 1 min, 5 min, 30 min, 2 h, 12 h apart. */
export const RETRY_DELAYS_MS = [0, 60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000, 12 * 60 * 60_000] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length;

/** When attempt number `attempts + 1` may run, or null when retries are exhausted. */
export function nextAttemptAt(base: Date, attempts: number): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  const offset = RETRY_DELAYS_MS.slice(0, attempts + 1).reduce((s, d) => s + d, 0);
  return new Date(base.getTime() + offset);
}
