import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS as RECORDED, AUDIT_TARGET_TYPES } from '@telework/api/audit-actions';
import { translate } from '@telework/ui/i18n';
import { AUDIT_ACTIONS as FILTERS, auditActionLabel, auditTargetLabel } from './audit-actions';

// Every action and target type the API can record (its own list, which AuditEntry is typed by) must
// read as words in both languages: a new action without labels fails here.

describe('audit labels', () => {
  it('every recorded action has its own Japanese and English label', () => {
    const missing = RECORDED.filter((action) => auditActionLabel(action) !== `audit.action.${action}`);
    expect(missing).toEqual([]);
    for (const action of RECORDED) {
      const key = `audit.action.${action}` as const;
      const label = auditActionLabel(action);
      if (!label) continue;
      expect(translate('ja', label), key).not.toMatch(/^$|[a-z]+\.[a-z]/);
      expect(translate('en', label), key).not.toBe('');
      expect(translate('en', label), key).not.toBe(translate('ja', label));
    }
  });

  it('every target type has a Japanese and English label', () => {
    expect(AUDIT_TARGET_TYPES.filter((type) => !auditTargetLabel(type))).toEqual([]);
    for (const type of AUDIT_TARGET_TYPES) {
      const label = auditTargetLabel(type);
      if (label) expect(translate('ja', label)).not.toBe(translate('en', label));
    }
  });

  it('every filter family matches at least one recorded action (no filter for nothing)', () => {
    for (const f of FILTERS) {
      const hits = RECORDED.filter((a) => (f.filter.endsWith('*') ? a.startsWith(f.filter.slice(0, -1)) : a === f.filter));
      expect(hits.length, f.filter).toBeGreaterThan(0);
    }
  });

  it('an allow-list edit reads as such, not as a refusal (the example in issue 18)', () => {
    const allow = auditActionLabel('access.allow-list');
    const refused = auditActionLabel('access.refused');
    expect(allow && translate('ja', allow)).toBe('許可IPアドレスの変更');
    expect(refused && translate('ja', refused)).toBe('アクセスの拒否');
    expect(auditActionLabel('made.up')).toBeNull();
  });
});
