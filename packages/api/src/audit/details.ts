import { hasMessage, translate, type Language, type MessageKey, type Params } from '@telework/ui/i18n';
import { formatJstDateTime } from '../calendar/jst';
import { AUDIT_ACTIONS, type AuditAction } from './actions';

// The one catalogue of how an audit entry's details read, for both audit screens (the console's and
// the operators' portal's) and their CSV exports: names instead of ids, before → after in words, codes
// as their labels. A detail the renderer does not know is left out rather than shown as JSON.

type Details = Record<string, unknown>;

/** Names of the people (and other records) an entry's details point at, by id (the viewer looks them up). */
export type AuditNames = Readonly<Record<string, string>>;

interface Ctx {
  lang: Language;
  t: (key: MessageKey, params?: Params) => string;
  /** A label for a code of `kind`, or the "not recorded" mark: a code is never shown as it is. */
  code: (kind: string, value: unknown) => string;
  field: (name: string, value: string | null) => string | null;
  change: (name: string, from: string, to: string) => string;
  person: (id: unknown) => string;
  when: (iso: unknown) => string;
  date: (iso: unknown) => string;
  n: (key: MessageKey, value: unknown) => string;
}

type Renderer = (d: Details, c: Ctx) => (string | null | undefined)[];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fromTo = (v: unknown): { from: unknown; to: unknown } | null => (v && typeof v === 'object' && !Array.isArray(v) && 'to' in v ? (v as { from: unknown; to: unknown }) : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The value of one tenant setting in words, by the setting it belongs to. */
function settingValue(c: Ctx, key: string, v: unknown): string {
  switch (key) {
    case 'thresholdLevel':
      return c.n('auditDetail.level', v);
    case 'detectionIntervalSec':
      return c.n('auditDetail.seconds', v);
    case 'awayAfterChecks':
    case 'impersonationAfterChecks':
      return c.n('auditDetail.times', v);
    case 'captureIntervalMin':
      return c.n('auditDetail.minutes', v);
    case 'forgottenEndAfterHours':
      return c.n('auditDetail.hours', v);
    case 'retentionDays':
      return c.n('auditDetail.days', v);
    case 'autoPunchFromPresence':
      return c.t(v === true ? 'auditDetail.yes' : 'auditDetail.no');
    case 'screenshotMode':
      return c.code('screenshotMode', v);
    case 'forgottenEndRule':
      return c.code('forgottenEndRule', v);
    case 'redactionAreas':
      return Array.isArray(v) && v.length > 0 ? c.n('auditDetail.areas', v.length) : c.t('auditDetail.none');
    case 'role':
      return c.code('role', v);
    case 'language':
      return c.code('language', v);
    default:
      return str(v) ?? c.t('auditDetail.none');
  }
}

/** Changes recorded as { key: { from, to } }: one "label: before → after" each, in words. */
function changes(c: Ctx, v: unknown): string[] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v as Details).flatMap(([key, ch]) => {
    const pair = fromTo(ch);
    if (!pair || !hasMessage(`auditDetail.field.${key}`)) return [];
    return [c.change(key, settingValue(c, key, pair.from), settingValue(c, key, pair.to))];
  });
}

const fieldNames = (c: Ctx, v: unknown) => {
  const names = list(v).map((f) => (hasMessage(`auditDetail.field.${f}`) ? c.t(`auditDetail.field.${f}` as MessageKey) : null)).filter((x): x is string => x !== null);
  return names.length > 0 ? names.join('、') : null;
};

const period = (c: Ctx, d: Details) => c.field('period', d.startedAt || d.endedAt ? `${c.when(d.startedAt)} 〜 ${c.when(d.endedAt)}` : null);

const none: Renderer = () => [];
const counts = (keys: string[]): Renderer => (d, c) => keys.map((k) => (num(d[k]) !== null ? c.field(k, c.n('auditDetail.count', d[k])) : null));

/** One renderer per recorded action; the type makes a new action in actions.ts fail to compile here until it has one. */
export const AUDIT_DETAIL_RENDERERS: Record<AuditAction, Renderer> = {
  'auth.sign_in.console': none,
  'auth.sign_in.agent': none,
  'auth.sign_in': none,
  'auth.password_reset.requested': none,
  'auth.password_reset.completed': none,
  'user.created': (d, c) => [c.field('name', str(d.name)), c.field('loginId', str(d.loginId)), c.field('role', d.role ? c.code('role', d.role) : null)],
  'user.imported': (d, c) => [c.field('count', num(d.count) !== null ? c.n('auditDetail.people', d.count) : null), c.field('encoding', d.encoding ? c.code('encoding', d.encoding) : null)],
  'user.updated': (d, c) => [c.field('name', str(d.name)), ...changes(c, d.changes)],
  'user.deleted': (d, c) => [c.field('name', str(d.name)), c.field('loginId', str(d.loginId))],
  'user.disabled': none,
  'user.enabled': none,
  'user.password_reset': none,
  'user.password_changed': none,
  'group.created': (d, c) => [c.field('groupName', str(d.name))],
  'group.updated': (d, c) => {
    const name = fromTo(d.name);
    return [name ? c.change('groupName', str(name.from) ?? c.t('auditDetail.none'), str(name.to) ?? c.t('auditDetail.none')) : c.field('groupName', str(d.name))];
  },
  'group.deleted': (d, c) => [c.field('groupName', str(d.name))],
  'task.created': (d, c) => [c.field('code', str(d.code)), c.field('taskName', str(d.name))],
  'task.updated': (d, c) => {
    const ch = d.changes && typeof d.changes === 'object' ? (d.changes as Details) : {};
    const row = (key: 'code' | 'name' | 'active', label: string) => {
      const pair = fromTo(ch[key]);
      if (!pair) return null;
      const show = (v: unknown) => (key === 'active' ? c.t(v === true ? 'auditDetail.yes' : 'auditDetail.no') : (str(v) ?? c.t('auditDetail.none')));
      return c.change(label, show(pair.from), show(pair.to));
    };
    return [c.field('code', str(d.code)), c.field('taskName', str(d.name)), row('code', 'code'), row('name', 'taskName'), row('active', 'active')];
  },
  'schedule.pattern_set': (d, c) => [c.field('validFrom', d.validFrom ? c.date(d.validFrom) : null), num(d.days) !== null ? c.n('auditDetail.weekdays', d.days) : null],
  'schedule.day_set': (d, c) => [c.field('date', d.date ? c.date(d.date) : null), c.t(d.cleared === true ? 'auditDetail.cleared' : 'auditDetail.dayPlanned')],
  'schedule.pattern_bulk_set': (d, c) => [
    c.field('validFrom', d.validFrom ? c.date(d.validFrom) : null),
    num(d.days) !== null ? c.n('auditDetail.weekdays', d.days) : null,
    c.field('userCount', num(d.userCount) !== null ? c.n('auditDetail.people', d.userCount) : null),
  ],
  'schedule.standard_pattern_set': (d, c) => [
    c.field('patternScope', d.scope === 'company' ? c.t('auditDetail.patternScope.company') : d.scope === 'group' ? c.t('auditDetail.patternScope.group') : null),
    c.field('validFrom', d.validFrom ? c.date(d.validFrom) : null),
    num(d.days) !== null ? c.n('auditDetail.weekdays', d.days) : null,
  ],
  'calendar.day_off_set': (d, c) => [c.field('date', d.date ? c.date(d.date) : null), c.field('dayOffName', str(d.name))],
  'calendar.day_off_removed': (d, c) => [c.field('date', d.date ? c.date(d.date) : null)],
  'report.created': none,
  'report.updated': none,
  'report.deleted': none,
  'agent.device.registered': none,
  'agent.device.revoked': none,
  'agent.device.threshold_set': (d, c) => {
    const pair = fromTo(d.thresholdLevel);
    return [c.field('deviceName', str(d.deviceName)), pair ? c.change('thresholdLevel', pair.from === null ? c.t('auditDetail.tenantLevel') : c.n('auditDetail.level', pair.from), c.n('auditDetail.level', pair.to)) : null];
  },
  'agent.device.threshold_cleared': (d, c) => [c.field('deviceName', str(d.deviceName)), c.field('thresholdLevel', num(d.tenantLevel) !== null ? `${c.t('auditDetail.tenantLevel')}（${c.n('auditDetail.level', d.tenantLevel)}）` : c.t('auditDetail.tenantLevel'))],
  'work.session_auto_closed': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null), c.field('endedAt', d.endedAt ? c.when(d.endedAt) : null), c.field('rule', d.rule ? c.code('forgottenEndRule', d.rule) : null)],
  'incident.alert_mode.updated': (d, c) => {
    const pair = fromTo(d.incidentAlertMode);
    return [pair ? c.change('incidentAlertMode', c.code('incidentAlertMode', pair.from), c.code('incidentAlertMode', pair.to)) : null];
  },
  'incident.alert_admins.updated': (d, c) => {
    const pair = fromTo(d.incidentAlertAdmins);
    return [pair ? c.change('incidentAlertAdmins', c.t(pair.from === true ? 'auditDetail.yes' : 'auditDetail.no'), c.t(pair.to === true ? 'auditDetail.yes' : 'auditDetail.no')) : null];
  },
  'incident.judge': (d, c) => [c.field('verdict', d.verdict ? c.code('verdict', d.verdict) : null), c.field('comment', str(d.comment))],
  'face.add': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null)],
  'face.delete': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null)],
  'face.reenrol_requested': (d, c) => [c.field('mailSent', c.t(d.sent === true ? 'auditDetail.yes' : 'auditDetail.no'))],
  'face.enrolment_reset': (d, c) => [
    c.field('deleted', num(d.deleted) !== null ? c.n('auditDetail.count', d.deleted) : null),
    c.field('currentPhotos', num(d.currentPhotos) !== null ? c.n('auditDetail.count', d.currentPhotos) : null),
  ],
  'evidence.retention': (d, c) => [
    c.field('retentionDays', num(d.retentionDays) !== null ? c.n('auditDetail.days', d.retentionDays) : null),
    c.field('cutoff', d.cutoff ? c.when(d.cutoff) : null),
    ...counts(['evidence', 'incidents', 'presenceEvents'])(d, c),
  ],
  'tenant.settings.updated': (d, c) => changes(c, d),
  'tenant.capture_mode.updated': (d, c) => [c.change('captureMode', c.code('captureMode', d.from), c.code('captureMode', d.to))],
  'group.capture_mode.updated': (d, c) => [c.change('captureMode', d.from ? c.code('captureMode', d.from) : c.t('auditDetail.none'), d.to ? c.code('captureMode', d.to) : c.t('auditDetail.none'))],
  'capture.consent.recorded': (d, c) => {
    const terms = d.terms && typeof d.terms === 'object' ? (d.terms as Details) : {};
    return [
      c.field('captureMode', terms.captureMode ? c.code('captureMode', terms.captureMode) : null),
      c.field('captureIntervalMin', num(terms.captureIntervalMin) !== null ? c.n('auditDetail.minutes', terms.captureIntervalMin) : null),
      c.field('retentionDays', num(terms.retentionDays) !== null ? c.n('auditDetail.days', terms.retentionDays) : null),
      c.t(d.asked === true ? 'auditDetail.consentAsked' : 'auditDetail.consentRead'),
    ];
  },
  'work.correction_requested': (d, c) => [period(c, d)],
  'work.correction_approved': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null), c.field('comment', str(d.note))],
  'work.correction_rejected': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null), c.field('comment', str(d.note))],
  'work.correction_applied': (d, c) => [c.field('user', d.userId ? c.person(d.userId) : null), period(c, d)],
  'attendance.month_closed': (d, c) => [c.field('month', str(d.month))],
  'attendance.month_reopened': (d, c) => [c.field('month', str(d.month))],
  'access.refused': (d, c) => [
    c.field('reason', d.reason ? c.code('accessReason', d.reason) : null),
    c.field('country', str(d.country) ? regionName(String(d.country), c.lang) : null),
    c.field('path', str(d.path)?.replace(UUID, '…') ?? null),
  ],
  'access.allow-list': (d, c) => [c.field('cidrs', list(d.cidrs).length > 0 ? list(d.cidrs).join(', ') : c.t('auditDetail.cidrsNone'))],
  'invitation.accept': none,
  'inquiry.open': (d, c) => [c.field('number', str(d.number))],
  'inquiry.reply': none,
  'inquiry.close': none,
  'inquiry.answer': none,
  'inquiry.phone': none,
  'inquiry.auto-accepted': (d, c) => [c.field('number', str(d.number))],
  'personal-data.request': (d, c) => [c.field('requestKind', d.kind ? c.code('requestKind', d.kind) : null)],
  'personal-data.accept': (d, c) => [c.field('requestKind', d.kind ? c.code('requestKind', d.kind) : null), c.field('note', str(d.note))],
  'personal-data.reject': (d, c) => [c.field('requestKind', d.kind ? c.code('requestKind', d.kind) : null), c.field('note', str(d.note))],
  'personal-data.complete': (d, c) => [c.field('requestKind', d.kind ? c.code('requestKind', d.kind) : null), c.field('corrected', fieldNames(c, d.corrected)), c.field('note', str(d.note))],
  'personal-data.corrected': (d, c) => [c.field('corrected', fieldNames(c, d.fields))],
  'personal-data.deleted': (d, c) => [c.field('blobs', num(d.blobs) !== null ? c.n('auditDetail.count', d.blobs) : null)],
  'personal-data.disclosed': none,
  'personal-data.erase': counts(['users', 'rowsDeleted', 'auditEntriesRedacted']),
  'personal-data.purge': counts(['evidence', 'faceImages', 'incidents', 'presenceEvents']),
  'application.submit': (d, c) => [c.field('companyName', str(d.companyName)), c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null)],
  'application.withdraw': (d, c) => [c.field('note', str(d.note))],
  'application.accept': (d, c) => [
    c.field('systemId', str(d.systemId)),
    c.field('startDate', d.startDate ? c.date(d.startDate) : null),
    c.field('serviceStartDate', d.serviceStartDate ? c.date(d.serviceStartDate) : null),
    c.field('termEndDate', d.termEndDate ? c.date(d.termEndDate) : null),
    c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null),
  ],
  'application.reject': (d, c) => [c.field('rejection', d.reason ? c.code('rejection', d.reason) : null), c.field('note', str(d.note))],
  'contract.start': (d, c) => [c.field('serviceStartDate', d.serviceStartDate ? c.date(d.serviceStartDate) : null)],
  'contract.renew': (d, c) => [
    c.field('startDate', d.startDate ? c.date(d.startDate) : null),
    c.field('termEndDate', d.termEndDate ? c.date(d.termEndDate) : null),
    c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null),
  ],
  'contract.renewalOffered': (d, c) => [c.field('termEndDate', d.termEndDate ? c.date(d.termEndDate) : null)],
  'contract.end': (d, c) => [c.field('endDate', d.endDate ? c.date(d.endDate) : null), c.field('reason', d.reason ? c.code('endReason', d.reason) : null)],
  'contract.terminationRequest': (d, c) => [c.field('endDate', d.endDate ? c.date(d.endDate) : null), c.field('desiredEndDate', d.desiredEndDate ? c.date(d.desiredEndDate) : null)],
  'contract.terminateByProvider': (d, c) => [
    c.field('cause', d.cause ? c.code('cause', d.cause) : null),
    c.field('clause', str(d.clause)),
    c.field('timing', d.immediate === true ? c.t('auditDetail.immediate') : d.endDate ? c.date(d.endDate) : null),
  ],
  'renewal.request': (d, c) => [c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null)],
  'change.submit': (d, c) => [c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null)],
  'change.accept': (d, c) => [c.field('seats', num(d.seats) !== null ? c.n('auditDetail.seats', d.seats) : null), c.field('effectiveDate', d.effectiveDate ? c.date(d.effectiveDate) : null)],
  'change.reject': (d, c) => [c.field('changeKind', d.kind ? c.code('changeKind', d.kind) : null), c.field('reason', str(d.reason))],
  'details.report': (d, c) => [c.field('fields', fieldNames(c, d.fields))],
  'details.accept': (d, c) => [c.field('fields', fieldNames(c, d.fields))],
  'invitation.resend': (d, c) => [c.field('to', str(d.email))],
  'invoice.issue': (d, c) => [
    c.field('invoiceKind', d.kind ? c.code('invoiceKind', d.kind) : null),
    c.field('total', num(d.total) !== null ? c.n('auditDetail.yen', d.total) : null),
    d.sentToStripe === undefined ? null : c.field('sentToStripe', c.t(d.sentToStripe === true ? 'auditDetail.yes' : 'auditDetail.no')),
  ],
  'invoice.payment': (d, c) => [
    c.field('amount', num(d.amount) !== null ? c.n('auditDetail.yen', d.amount) : null),
    c.field('receivedOn', d.receivedOn ? c.date(d.receivedOn) : null),
    c.field('balance', num(d.balance) !== null ? c.n('auditDetail.yen', d.balance) : null),
  ],
  'invoice.paid': (d, c) => [c.field('amount', num(d.amount) !== null ? c.n('auditDetail.yen', d.amount) : null), c.field('daysLate', num(d.daysLate) ? c.n('auditDetail.days', d.daysLate) : null)],
  'invoice.paymentFailed': (d, c) => [c.field('attemptCount', num(d.attemptCount) !== null ? c.n('auditDetail.times', d.attemptCount) : null), c.field('nextRetryAt', d.nextRetryAt ? c.when(d.nextRetryAt) : null)],
  'tenant.suspend': (d, c) => [c.field('reason', str(d.reason)), c.field('clause', str(d.clause))],
  'tenant.resume': none,
  'notice.create': (d, c) => [
    c.field('noticeKind', d.kind ? c.code('noticeKind', d.kind) : null),
    c.field('audience', d.audience ? c.code('audience', d.audience) : null),
    c.field('recipients', num(d.recipients) !== null ? c.n('auditDetail.people', d.recipients) : null),
    c.field('termsVersion', str(d.termsVersion)),
  ],
  'notice.withdraw': (d, c) => [d.termsVersionWithdrawn === true ? c.t('auditDetail.termsWithdrawn') : null],
  'mail.failed': (d, c) => [c.field('mail', c.code('mail', hasMessage(`auditDetail.mail.${String(d.mail)}`) ? d.mail : 'other')), c.field('to', list(d.to).length > 0 ? list(d.to).join(', ') : null)],
};

function regionName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang === 'ja' ? 'ja' : 'en'], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function context(lang: Language, names: AuditNames): Ctx {
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const fmtNumber = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
  const c: Ctx = {
    lang,
    t,
    code: (kind, value) => {
      const key = `auditDetail.${kind}.${String(value)}`;
      return hasMessage(key) ? t(key) : t('auditDetail.unknownValue');
    },
    field: (name, value) => (value === null || value === '' ? null : `${t(`auditDetail.field.${name}` as MessageKey)}: ${value}`),
    change: (name, from, to) => `${t(`auditDetail.field.${name}` as MessageKey)}: ${from}${t('auditDetail.arrow')}${to}`,
    person: (id) => (typeof id === 'string' && names[id]) || t('auditDetail.unknownUser'),
    when: (iso) => {
      const d = typeof iso === 'string' || iso instanceof Date ? new Date(iso) : null;
      return d && !Number.isNaN(d.getTime()) ? formatJstDateTime(d).slice(0, 16).replaceAll('-', '/') : t('auditDetail.unknownValue');
    },
    date: (iso) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10).replaceAll('-', '/') : t('auditDetail.unknownValue')),
    n: (key, value) => (typeof value === 'number' && Number.isFinite(value) ? t(key, { n: fmtNumber(value) }) : t('auditDetail.unknownValue')),
  };
  return c;
}

const KNOWN = new Set<string>(AUDIT_ACTIONS);

/**
 * An entry's details in words, in `lang`; '' when there is nothing more to say than the action's label.
 * An action no catalogue knows (an old code) shows nothing rather than raw data.
 */
export function renderAuditDetails(action: string, details: unknown, lang: Language, names: AuditNames = {}): string {
  if (!KNOWN.has(action)) return '';
  const d: Details = details && typeof details === 'object' && !Array.isArray(details) ? (details as Details) : {};
  const c = context(lang, names);
  return AUDIT_DETAIL_RENDERERS[action as AuditAction](d, c)
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(c.t('auditDetail.sep'));
}

/** The user ids an entry's details name (the viewer looks their names up, the deleted ones too). */
export function detailUserIds(details: unknown): string[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const id = (details as Details).userId;
  return typeof id === 'string' ? [id] : [];
}
