import type { MessageKey, Params } from '../i18n';

// The one place where an API error becomes a message: tRPC errors carry data.appCode (and for a
// lock, data.lockedUntil); validation errors carry data.fieldErrors, whose texts are the server's
// English (zod's or the domain's) and are mapped here to a few translated field messages.

interface ErrorLike {
  message?: string;
  data?: { appCode?: string | null; reason?: string | null; lockedUntil?: string | null; fieldErrors?: Record<string, string[] | undefined> | null } | null;
}

// Why the contract is not in service, and whom to ask: the API names it only after the password proved who asks.
const INACTIVE_REASONS = new Set(['NOT_STARTED', 'SUSPENDED', 'SUSPENDED_ADMIN', 'ENDED', 'ENDED_ADMIN']);

const KNOWN = new Set([
  'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'CONTRACT_INACTIVE', 'CSRF', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND',
  'VALIDATION', 'CONFLICT', 'SEAT_LIMIT', 'RULE_VIOLATION', 'PASSWORD_CHANGE_REQUIRED',
]);

export function errorMessage(error: unknown, formatDate: (iso: string) => string): { key: MessageKey; params?: Params } {
  const e = (error ?? {}) as ErrorLike;
  const code = e.data?.appCode ?? undefined;
  if (code === 'ACCOUNT_LOCKED' && e.data?.lockedUntil) return { key: 'error.ACCOUNT_LOCKED', params: { until: formatDate(e.data.lockedUntil) } };
  const reason = e.data?.reason;
  if (code === 'CONTRACT_INACTIVE' && reason && INACTIVE_REASONS.has(reason)) return { key: `error.CONTRACT_INACTIVE.${reason}` as MessageKey };
  // Sign-in (or any request) from an address outside the organisation's allow-list.
  if (code === 'FORBIDDEN' && reason === 'NOT_IN_ALLOW_LIST') return { key: 'error.FORBIDDEN.NOT_IN_ALLOW_LIST' };
  if (code && KNOWN.has(code)) return { key: `error.${code}` as MessageKey };
  return { key: 'error.UNKNOWN' };
}

export function fieldErrors(error: unknown): Record<string, string[]> {
  const e = (error ?? {}) as ErrorLike;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(e.data?.fieldErrors ?? {})) if (v?.length) out[k] = v;
  return out;
}

/** The translated message for one field's server-side errors (the first one decides). */
export function fieldErrorKey(messages: string[]): MessageKey {
  const first = messages[0] ?? '';
  // zod: empty string under min(1), or a missing value; the domain's own errors say "required".
  if (/\brequired\b|received undefined|>=1 characters/i.test(first)) return 'error.field.required';
  if (/^Too big/i.test(first)) return 'error.field.tooLong';
  if (/email/i.test(first)) return 'error.field.email';
  if (/^same as current$/.test(first)) return 'password.sameAsCurrent';
  return 'error.field.invalid';
}
