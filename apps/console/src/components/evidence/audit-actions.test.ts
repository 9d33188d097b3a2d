import { describe, expect, it } from 'vitest';
import { auditActionLabel } from './audit-actions';

describe('audit action labels', () => {
  it('knows exact actions, then prefixed families, and nothing else', () => {
    expect(auditActionLabel('incident.judge')).toBe('audit.action.incident.judge');
    expect(auditActionLabel('auth.sign_in.console')).toBe('audit.action.auth.sign_in.console');
    // A channel no label names yet still reads as its family.
    expect(auditActionLabel('auth.sign_in.kiosk')).toBe('audit.action.auth.sign_in');
    expect(auditActionLabel('personal-data.purge')).toBe('audit.action.personal-data.purge');
    expect(auditActionLabel('personal-data.archived')).toBe('audit.action.personal-data');
    expect(auditActionLabel('tenant.capture_mode.updated')).toBe('audit.action.tenant.capture_mode.updated');
    expect(auditActionLabel('group.capture_mode.updated')).toBe('audit.action.group.capture_mode.updated');
    expect(auditActionLabel('incident.judged')).toBeNull();
    expect(auditActionLabel('made.up')).toBeNull();
    expect(auditActionLabel('work.correction_approved')).toBe('audit.action.work.correction_approved');
    expect(auditActionLabel('work.correction_applied')).toBe('audit.action.work.correction_applied');
  });
});
