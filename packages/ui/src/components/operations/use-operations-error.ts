'use client';
import { useCallback } from 'react';
import type { MessageKey } from '../../i18n';
import { useT } from '../i18n-provider';
import { useErrorText, type ErrorText } from '../use-error-text';

interface ErrorData {
  reason?: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

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
};

// Field messages of these screens that say more than "invalid".
const FIELD_TEXTS: Record<string, MessageKey> = {
  mismatch: 'ops.error.mismatch',
  taken: 'ops.error.termsVersionExists',
};

/** useErrorText, plus the reasons and field messages of notices, inquiries, personal-data requests and access rules. */
export function useOperationsError(): (error: unknown, options?: { reasonField?: Record<string, string> }) => ErrorText {
  const t = useT();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown, options: { reasonField?: Record<string, string> } = {}) => {
      const base = errorText(error);
      if (!error) return base;
      const data = ((error as { data?: ErrorData | null }).data ?? {}) as ErrorData;
      const fields = { ...base.fields };
      for (const [name, messages] of Object.entries(data.fieldErrors ?? {})) {
        const key = FIELD_TEXTS[messages?.[0] ?? ''];
        if (key) fields[name] = t(key);
      }
      const reasonKey = data.reason ? REASONS[data.reason] : undefined;
      if (reasonKey) {
        const field = data.reason ? options.reasonField?.[data.reason] : undefined;
        if (field) return { message: null, fields: { ...fields, [field]: t(reasonKey) } };
        return { message: t(reasonKey), fields };
      }
      return { message: base.message, fields };
    },
    [t, errorText],
  );
}
