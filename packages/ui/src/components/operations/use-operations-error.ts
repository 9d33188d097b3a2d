'use client';
import type { MessageKey } from '../../i18n';
import { useDomainError, type DomainErrorOptions, type DomainErrorRules, type ErrorText } from '../use-error-text';

// The provider-operations rules the API names by `reason`, said in words the reader can act on.
const REASONS: Record<string, MessageKey> = {
  NOT_REGISTERED_ADMINISTRATOR: 'ops.error.notRegisteredAdministrator',
  TERMS_CHANGE_NOTICE_TOO_SHORT: 'ops.error.termsTooShort',
  SERVICE_END_NOTICE_TOO_SHORT: 'ops.error.serviceEndTooShort',
  MAINTENANCE_NOT_IN_ADVANCE: 'ops.error.maintenanceNotInAdvance',
  TERMS_VERSION_EXISTS: 'ops.error.termsVersionExists',
  INQUIRY_CLOSED: 'ops.error.inquiryClosed',
  REQUEST_STATE: 'ops.error.requestState',
  EXPORT_NOT_READY: 'ops.error.exportNotReady',
  BLOB_MISSING: 'ops.error.exportGone',
  ALLOW_LIST_EXCLUDES_CALLER: 'ops.error.allowListExcludesCaller',
  SUBJECT_GONE: 'ops.error.subjectGone',
  LAST_ADMIN: 'users.lastAdmin',
};

// Field messages of these screens that say more than "invalid".
const FIELD_TEXTS: Record<string, MessageKey> = {
  mismatch: 'ops.error.mismatch',
  taken: 'ops.error.termsVersionExists',
};

const RULES: DomainErrorRules = { reason: (r) => REASONS[r], fieldText: (m) => FIELD_TEXTS[m] };

/** useErrorText, plus the reasons and field messages of notices, inquiries, personal-data requests and access rules. */
export function useOperationsError(): (error: unknown, options?: DomainErrorOptions) => ErrorText {
  return useDomainError(RULES);
}
