import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from './actions';
import { AUDIT_DETAIL_RENDERERS, renderAuditDetails } from './details';

// Sample details per action, shaped as the code records them (grep the action in packages/api/src).
// The Record type makes a new action fail to compile here until it has samples.
const U1 = '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b';
const U2 = '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6c';
const NAMES = { [U1]: '山田 太郎' };

const SAMPLES: Record<AuditAction, Record<string, unknown>[]> = {
  'auth.sign_in.console': [{}],
  'auth.sign_in.agent': [{}],
  'auth.sign_in': [{}],
  'auth.password_reset.requested': [{}],
  'auth.password_reset.completed': [{}],
  'user.created': [{ loginId: 'yamada', role: 'WORKER' }, { name: '山田 太郎', loginId: 'yamada', role: 'ADMIN' }],
  'user.imported': [{ count: 30, encoding: 'CP932' }, { count: 2, encoding: 'UTF-8-BOM' }, { count: 5, encoding: 'XLSX' }],
  'user.updated': [{}, { name: '山田 太郎', changes: { role: { from: 'WORKER', to: 'ADMIN' }, language: { from: 'ja', to: 'en' }, department: { from: null, to: '営業部' } } }],
  'user.deleted': [{ name: '山田 太郎', loginId: 'yamada' }],
  'user.disabled': [{}],
  'user.enabled': [{}],
  'user.password_reset': [{}],
  'user.password_changed': [{}],
  'group.created': [{ name: '営業部' }, {}],
  'group.updated': [{ name: { from: '営業部', to: '営業一部' } }, { name: '営業部' }],
  'group.deleted': [{ name: '営業部' }, {}],
  'task.created': [{ code: 'T-01', name: '資料作成' }],
  'task.updated': [{ code: 'T-01', name: '資料作成', changes: { active: { from: true, to: false }, name: { from: '資料', to: '資料作成' } } }],
  'schedule.pattern_set': [{ validFrom: '2026-12-01', days: 5 }],
  'schedule.day_set': [{ date: '2026-12-24', cleared: true }, { date: '2026-12-25', cleared: false }],
  'schedule.pattern_bulk_set': [{ validFrom: '2026-12-01', days: 5, workOnHolidays: false, userCount: 12, userIds: [U1, U2] }],
  'schedule.standard_pattern_set': [{ scope: 'company', validFrom: '2026-12-01', days: 5, workOnHolidays: false }, { scope: 'group', validFrom: '2027-01-04', days: 4, workOnHolidays: true }],
  'calendar.day_off_set': [{ date: '2026-12-29', name: '年末年始' }],
  'calendar.day_off_removed': [{ date: '2026-12-29' }],
  'report.created': [{}],
  'report.updated': [{}],
  'report.deleted': [{}],
  'agent.device.registered': [{}],
  'agent.device.revoked': [{}],
  'agent.device.threshold_set': [{ deviceName: 'PC-01', thresholdLevel: { from: null, to: 4 }, tenantLevel: 3 }, { deviceName: 'PC-01', thresholdLevel: { from: 4, to: 5 }, tenantLevel: 3 }],
  'agent.device.threshold_cleared': [{ deviceName: 'PC-01', thresholdLevel: { from: 4, to: null }, tenantLevel: 3 }],
  'incident.alert_mode.updated': [{ incidentAlertMode: { from: 'IMMEDIATE', to: 'DAILY_DIGEST' } }, { incidentAlertMode: { from: 'DAILY_DIGEST', to: 'OFF' } }],
  'incident.alert_admins.updated': [{ incidentAlertAdmins: { from: false, to: true } }],
  'work.session_auto_closed': [{ userId: U1, endedAt: '2026-12-07T09:00:00.000Z', rule: 'AT_SCHEDULED_END' }, { userId: U2, endedAt: '2026-12-07T15:00:00.000Z', rule: 'AT_JST_MIDNIGHT' }],
  'incident.judge': [{ verdict: 'FALSE_ALARM', comment: '家族が横切った', judgementId: U2 }, { verdict: 'CONFIRMED_UNAUTHORIZED', comment: null, judgementId: U1 }],
  'face.add': [{ userId: U1 }],
  'face.delete': [{ userId: U2 }],
  'face.reenrol_requested': [{ sent: true }, { sent: false }],
  'face.enrolment_reset': [{ deleted: 2, reasons: ['DESCRIPTOR_ONLY', 'WAITING'], currentPhotos: 1 }],
  'evidence.retention': [{ cutoff: '2026-09-07T15:00:00.000Z', retentionDays: 90, evidence: 120, incidents: 3, presenceEvents: 4000 }],
  'tenant.settings.updated': [
    { screenshotMode: { from: 'FULL', to: 'REDACTED' }, redactionAreas: { from: [], to: [{ x: 0, y: 0, width: 0.5, height: 0.1 }] }, thresholdLevel: { from: 3, to: 4 } },
    { autoPunchFromPresence: { from: false, to: true }, forgottenEndRule: { from: 'AT_SCHEDULED_END', to: 'AFTER_HOURS' }, forgottenEndAfterHours: { from: 2, to: 4 }, retentionDays: { from: 90, to: 30 } },
    { detectionIntervalSec: { from: 10, to: 30 }, awayAfterChecks: { from: 3, to: 5 }, impersonationAfterChecks: { from: 3, to: 2 }, captureIntervalMin: { from: 10, to: 15 } },
  ],
  'tenant.capture_mode.updated': [{ from: 'INTERVAL_AND_INCIDENT', to: 'VERDICT_ONLY' }],
  'group.capture_mode.updated': [{ from: null, to: 'INCIDENT_ONLY' }, { from: 'INCIDENT_ONLY', to: null }],
  'capture.consent.recorded': [
    { clientEventId: U1, deviceId: U2, terms: { captureMode: 'INCIDENT_ONLY', captureIntervalMin: null, screenshotMode: 'FULL', retentionDays: 90 }, asked: true },
    { clientEventId: U2, deviceId: U1, terms: { captureMode: 'INTERVAL_AND_INCIDENT', captureIntervalMin: 10, screenshotMode: 'REDACTED', retentionDays: 30 }, asked: false },
  ],
  'work.correction_requested': [{ workSessionId: U2, startedAt: '2026-12-07T00:00:00.000Z', endedAt: '2026-12-07T09:00:00.000Z' }],
  'work.correction_approved': [{ userId: U1, note: 'OK' }, { userId: U1, note: null }],
  'work.correction_rejected': [{ userId: U2, note: '根拠がありません' }],
  'work.correction_applied': [{ userId: U1, workSessionId: U2, startedAt: '2026-12-07T00:00:00.000Z', endedAt: '2026-12-07T09:00:00.000Z' }],
  'attendance.month_closed': [{ month: '2026-11' }],
  'attendance.month_reopened': [{ month: '2026-11' }],
  'access.refused': [
    { reason: 'OUTSIDE_JAPAN', country: 'US', path: `/api/trpc/incidents.get?id=${U1}` },
    { reason: 'NOT_IN_ALLOW_LIST', country: 'JP', path: '/sign-in' },
    { reason: 'UNKNOWN_ADDRESS', country: null, path: null },
  ],
  'access.allow-list': [{ cidrs: ['203.0.113.0/24', '198.51.100.7'] }, { cidrs: [] }],
  'invitation.accept': [{}],
  'inquiry.open': [{ number: 'Q-20261207-3F9A01BC' }],
  'inquiry.reply': [{}],
  'inquiry.close': [{}],
  'inquiry.answer': [{}],
  'inquiry.phone': [{}],
  'inquiry.auto-accepted': [{ number: 'Q-20261130-0A1B2C3D' }],
  'personal-data.request': [{ kind: 'DISCLOSE' }, { kind: 'DELETE' }],
  'personal-data.accept': [{ kind: 'CORRECT', note: null }],
  'personal-data.reject': [{ kind: 'DISCLOSE', note: '本人確認ができません' }],
  'personal-data.complete': [{ kind: 'CORRECT', note: null, corrected: ['name', 'email'] }],
  'personal-data.corrected': [{ requestId: U2, fields: ['department'] }],
  'personal-data.deleted': [{ blobs: 12 }],
  'personal-data.disclosed': [{}],
  'personal-data.erase': [{ users: 10, rowsDeleted: 5000, auditEntriesRedacted: 20 }],
  'personal-data.purge': [{ evidence: 300, faceImages: 10, incidents: 4, presenceEvents: 900 }],
  'application.submit': [{ companyName: '株式会社サンプル', seats: 20 }],
  'application.withdraw': [{ note: null }, { note: 'ご依頼により' }],
  'application.accept': [{ systemId: 'ABC123', contractId: U2, startDate: '2026-12-01', serviceStartDate: '2026-12-15', termEndDate: '2027-11-30', seats: 20 }],
  'application.reject': [{ reason: 'TECHNICALLY_DIFFICULT', note: null }],
  'contract.start': [{ serviceStartDate: '2026-12-15' }],
  'contract.renew': [{ renewalOf: U1, startDate: '2027-12-01', termEndDate: '2028-11-30', seats: 25 }],
  'contract.renewalOffered': [{ termEndDate: '2027-11-30' }],
  'contract.end': [{ endDate: '2027-11-30', reason: 'TERM_END' }, { endDate: '2027-03-31', reason: 'PROVIDER_TERMINATION' }],
  'contract.terminationRequest': [{ endDate: '2027-03-31', desiredEndDate: '2027-03-31' }],
  'contract.terminateByProvider': [{ cause: 'insolvency', clause: '第12条2項', endDate: '2027-01-10', immediate: true }, { cause: 'with_notice', clause: '第12条3項', endDate: '2027-06-30', immediate: false }],
  'renewal.request': [{ seats: null }, { seats: 30 }],
  'change.submit': [{ seats: 5 }],
  'change.accept': [{ licenceId: U1, seats: 5, effectiveDate: '2027-01-01' }],
  'change.reject': [{ reason: '上限を超えます', kind: 'ADD_SEATS' }],
  'details.report': [{ fields: ['companyName', 'address', 'administrators'] }],
  'details.accept': [{ fields: ['phone'] }],
  'invitation.resend': [{ email: 'admin@example.co.jp' }],
  'invoice.issue': [{ kind: 'ANNUAL_LICENCE', total: 1_188_000, sentToStripe: true }],
  'invoice.payment': [{ paymentId: U1, amount: 500_000, receivedOn: '2026-12-20', balance: 688_000, method: 'bank_transfer' }],
  'invoice.paid': [{ stripeEventId: 'evt_1Abc', amount: 1_188_000, daysLate: 0 }, { stripeEventId: 'evt_2', amount: 1000, daysLate: 3 }],
  'invoice.paymentFailed': [{ stripeEventId: 'evt_3', attemptCount: 2, nextRetryAt: '2026-12-10T00:00:00.000Z' }, { stripeEventId: 'evt_4', attemptCount: null, nextRetryAt: null }],
  'tenant.suspend': [{ reason: '料金の未払い', clause: '第19条' }],
  'tenant.resume': [{}],
  'notice.create': [{ kind: 'TERMS_CHANGE', audience: 'ALL_TENANTS', recipients: 12, termsVersion: '2027-04-01' }, { kind: 'MAINTENANCE', audience: 'SELECTED_TENANTS', recipients: 2 }],
  'notice.withdraw': [{}, { termsVersionWithdrawn: true }],
  'mail.failed': [{ mail: 'password_reset' }, { mail: 'invitation', to: ['a@example.jp', 'b@example.jp'] }, { mail: 'seats-accepted' }, { mail: 'something-new' }],
};

// A code is capitals and underscores (WORKER, CONFIRMED_UNAUTHORIZED) or a lower-case machine word
// with a separator (with_notice, seats-accepted, password_reset); UTF is the only capital word we print.
const ENUM_CODE = /\b(?!UTF\b)[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?!UTF\b|JIS\b)[A-Z]{3,}\b|\b[a-z]+[_][a-z_]+\b/;
const UUID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe('audit details in words (issue 18)', () => {
  it('every recorded action has a renderer', () => {
    expect(AUDIT_ACTIONS.filter((a) => typeof AUDIT_DETAIL_RENDERERS[a] !== 'function')).toEqual([]);
  });

  it.each(AUDIT_ACTIONS.flatMap((a) => SAMPLES[a].map((d, i) => [a, i, d] as const)))('%s sample %i reads as words in both languages', (action, _i, details) => {
    for (const lang of ['ja', 'en'] as const) {
      const text = renderAuditDetails(action, details, lang, NAMES);
      expect(text, `${action} ${lang}`).not.toMatch(/[{}[\]"]/);
      expect(text, `${action} ${lang}`).not.toMatch(ENUM_CODE);
      expect(text, `${action} ${lang}`).not.toMatch(UUID_LIKE);
    }
  });

  it('names the before and after of a role change with the role labels', () => {
    const d = { name: '山田 太郎', changes: { role: { from: 'WORKER', to: 'ADMIN' } } };
    expect(renderAuditDetails('user.updated', d, 'ja')).toBe('氏名: 山田 太郎 / 権限: 勤務者 → 管理者');
    expect(renderAuditDetails('user.updated', d, 'en')).toBe('Name: 山田 太郎 / Role: Worker → Administrator');
  });

  it('says a screenshot mode change in words', () => {
    expect(renderAuditDetails('tenant.settings.updated', { screenshotMode: { from: 'FULL', to: 'REDACTED' } }, 'ja')).toBe('画面の撮影方法: 画面全体 → 一部を黒塗り');
  });

  it('an allow-list edit lists the addresses; only a refusal says refused', () => {
    expect(renderAuditDetails('access.allow-list', { cidrs: ['203.0.113.0/24'] }, 'ja')).toBe('許可するIPアドレス: 203.0.113.0/24');
    expect(renderAuditDetails('access.allow-list', { cidrs: [] }, 'ja')).toContain('制限なし');
    expect(renderAuditDetails('access.refused', { reason: 'OUTSIDE_JAPAN', country: 'US', path: '/sign-in' }, 'ja')).toBe('理由: 国外からの接続 / 接続元の国: アメリカ合衆国 / 画面・機能: /sign-in');
  });

  it('names people by name, JST times, and a deleted or unknown person without their id', () => {
    const d = { userId: U1, endedAt: '2026-12-07T15:00:00.000Z', rule: 'AT_JST_MIDNIGHT' };
    expect(renderAuditDetails('work.session_auto_closed', d, 'ja', NAMES)).toBe('対象者: 山田 太郎 / 終了時刻: 2026/12/08 00:00 / 終了打刻漏れの扱い: 日付が変わる時刻で終了');
    expect(renderAuditDetails('face.add', { userId: U2 }, 'ja', NAMES)).toBe('対象者: （不明なユーザ）');
  });

  it('a code no label knows reads as "not recorded", and an action no catalogue knows shows nothing', () => {
    expect(renderAuditDetails('user.created', { role: 'OWNER' }, 'ja')).toBe('権限: （記録なし）');
    expect(renderAuditDetails('made.up', { secret: U1 }, 'ja')).toBe('');
  });
});
