import { hasMessage, type MessageKey } from '@telework/ui/i18n';

/**
 * The tenant's audit actions the filter offers, each with its label. A filter ending in `*` is a
 * prefix (the API matches it so): sign-ins are recorded per channel, e.g. `auth.sign_in.console`.
 */
export const AUDIT_ACTIONS: readonly { filter: string; label: MessageKey }[] = [
  { filter: 'incident.judge', label: 'audit.action.incident.judge' },
  { filter: 'incident.alert_mode.updated', label: 'audit.action.incident.alert_mode.updated' },
  { filter: 'incident.alert_admins.updated', label: 'audit.action.incident.alert_admins.updated' },
  { filter: 'face.add', label: 'audit.action.face.add' },
  { filter: 'face.delete', label: 'audit.action.face.delete' },
  { filter: 'face.reenrol_requested', label: 'audit.action.face.reenrol_requested' },
  { filter: 'face.enrolment_reset', label: 'audit.action.face.enrolment_reset' },
  { filter: 'auth.sign_in.*', label: 'audit.action.auth.sign_in' },
  { filter: 'user.created', label: 'audit.action.user.created' },
  { filter: 'user.imported', label: 'audit.action.user.imported' },
  { filter: 'user.updated', label: 'audit.action.user.updated' },
  { filter: 'user.deleted', label: 'audit.action.user.deleted' },
  { filter: 'user.password_reset', label: 'audit.action.user.password_reset' },
  { filter: 'user.password_changed', label: 'audit.action.user.password_changed' },
  { filter: 'auth.password_reset.requested', label: 'audit.action.auth.password_reset.requested' },
  { filter: 'auth.password_reset.completed', label: 'audit.action.auth.password_reset.completed' },
  { filter: 'group.deleted', label: 'audit.action.group.deleted' },
  { filter: 'schedule.pattern_set', label: 'audit.action.schedule.pattern_set' },
  { filter: 'schedule.pattern_bulk_set', label: 'audit.action.schedule.pattern_bulk_set' },
  { filter: 'schedule.standard_pattern_set', label: 'audit.action.schedule.standard_pattern_set' },
  { filter: 'calendar.day_off_set', label: 'audit.action.calendar.day_off_set' },
  { filter: 'calendar.day_off_removed', label: 'audit.action.calendar.day_off_removed' },
  { filter: 'schedule.day_set', label: 'audit.action.schedule.day_set' },
  { filter: 'report.deleted', label: 'audit.action.report.deleted' },
  { filter: 'agent.device.registered', label: 'audit.action.agent.device.registered' },
  { filter: 'agent.device.revoked', label: 'audit.action.agent.device.revoked' },
  { filter: 'agent.device.threshold_set', label: 'audit.action.agent.device.threshold_set' },
  { filter: 'agent.device.threshold_cleared', label: 'audit.action.agent.device.threshold_cleared' },
  { filter: 'work.session_auto_closed', label: 'audit.action.work.session_auto_closed' },
  { filter: 'work.correction_requested', label: 'audit.action.work.correction_requested' },
  { filter: 'work.correction_approved', label: 'audit.action.work.correction_approved' },
  { filter: 'work.correction_rejected', label: 'audit.action.work.correction_rejected' },
  { filter: 'work.correction_applied', label: 'audit.action.work.correction_applied' },
  { filter: 'attendance.month_closed', label: 'audit.action.attendance.month_closed' },
  { filter: 'attendance.month_reopened', label: 'audit.action.attendance.month_reopened' },
  { filter: 'evidence.retention', label: 'audit.action.evidence.retention' },
  { filter: 'personal-data.*', label: 'audit.action.personal-data' },
  { filter: 'inquiry.*', label: 'audit.action.inquiry' },
  { filter: 'invitation.accept', label: 'audit.action.invitation.accept' },
  { filter: 'access.*', label: 'audit.action.access' },
  { filter: 'tenant.settings.updated', label: 'audit.action.tenant.settings.updated' },
  { filter: 'tenant.capture_mode.updated', label: 'audit.action.tenant.capture_mode.updated' },
  { filter: 'group.capture_mode.updated', label: 'audit.action.group.capture_mode.updated' },
  { filter: 'capture.consent.recorded', label: 'audit.action.capture.consent.recorded' },
];

/**
 * The label of a recorded action: its own (every action in packages/api/src/audit/actions.ts has one),
 * else its family's, else null for a code no catalogue knows (shown as the code).
 */
export function auditActionLabel(action: string): MessageKey | null {
  const own = `audit.action.${action}`;
  if (hasMessage(own)) return own;
  const hit = AUDIT_ACTIONS.find((a) => (a.filter.endsWith('*') ? action.startsWith(a.filter.slice(0, -1)) : action === a.filter));
  return hit?.label ?? null;
}

/** The label of a target type, or null for one no catalogue knows (shown as recorded). */
export function auditTargetLabel(targetType: string): MessageKey | null {
  const key = `audit.targetType.${targetType}`;
  return hasMessage(key) ? key : null;
}
