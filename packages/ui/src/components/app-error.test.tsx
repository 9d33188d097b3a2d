import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMessage, fieldErrorKey, fieldErrors } from './app-error';
import { I18nProvider } from './i18n-provider';
import { useErrorText, type ErrorText } from './use-error-text';

// The shape the API's error formatter puts on a TRPCError (data.appCode, data.fieldErrors…).
const apiError = (data: Record<string, unknown>) => ({ message: 'from server', data: { code: 'BAD_REQUEST', ...data } });
const iso = (s: string) => `<${s}>`;

describe('errorMessage', () => {
  it('maps each application code to its message', () => {
    expect(errorMessage(apiError({ appCode: 'INVALID_CREDENTIALS' }), iso)).toEqual({ key: 'error.INVALID_CREDENTIALS' });
    expect(errorMessage(apiError({ appCode: 'CONTRACT_INACTIVE' }), iso)).toEqual({ key: 'error.CONTRACT_INACTIVE' });
    expect(errorMessage(apiError({ appCode: 'VALIDATION' }), iso)).toEqual({ key: 'error.VALIDATION' });
    expect(errorMessage(apiError({ appCode: 'PASSWORD_CHANGE_REQUIRED' }), iso)).toEqual({ key: 'error.PASSWORD_CHANGE_REQUIRED' });
    expect(errorMessage(apiError({ appCode: 'FORBIDDEN', reason: 'NOT_IN_ALLOW_LIST' }), iso)).toEqual({ key: 'error.FORBIDDEN.NOT_IN_ALLOW_LIST' });
  });

  it('names the end of an account lock', () => {
    expect(errorMessage(apiError({ appCode: 'ACCOUNT_LOCKED', lockedUntil: '2026-11-28T16:00:00.000Z' }), iso)).toEqual({
      key: 'error.ACCOUNT_LOCKED',
      params: { until: '<2026-11-28T16:00:00.000Z>' },
    });
  });

  it('falls back to a generic message for unknown codes, network errors and nothing at all', () => {
    expect(errorMessage(apiError({ appCode: 'SOMETHING_NEW' }), iso)).toEqual({ key: 'error.UNKNOWN' });
    expect(errorMessage(new TypeError('Failed to fetch'), iso)).toEqual({ key: 'error.UNKNOWN' });
    expect(errorMessage(undefined, iso)).toEqual({ key: 'error.UNKNOWN' });
  });
});

describe('field errors', () => {
  // Real zod messages, flattened the way the API's error formatter does it.
  const schema = z.object({
    systemId: z.string().trim().min(1),
    loginId: z.string(),
    email: z.email(),
    name: z.string().max(3),
    kind: z.enum(['operator', 'resellerStaff']),
  });
  const result = schema.safeParse({ systemId: '  ', email: 'not-an-address', name: 'too long', kind: 'boss' });
  if (result.success) throw new Error('the sample input must be invalid');
  const flattened = z.flattenError(result.error).fieldErrors;

  it('keeps only fields that have messages', () => {
    expect(Object.keys(fieldErrors(apiError({ fieldErrors: { ...flattened, extra: [] } }))).sort()).toEqual(['email', 'kind', 'loginId', 'name', 'systemId']);
    expect(fieldErrors(apiError({}))).toEqual({});
  });

  it('turns zod and domain messages into translated field messages', () => {
    const keys = Object.fromEntries(Object.entries(fieldErrors(apiError({ fieldErrors: flattened }))).map(([k, v]) => [k, fieldErrorKey(v)]));
    expect(keys).toEqual({
      systemId: 'error.field.required',
      loginId: 'error.field.required',
      email: 'error.field.email',
      name: 'error.field.tooLong',
      kind: 'error.field.invalid',
    });
    expect(fieldErrorKey(['required'])).toBe('error.field.required');
    // The API's answer to a new password equal to the current one (people/users.ts changeOwnPassword).
    expect(fieldErrorKey(['same as current'])).toBe('password.sameAsCurrent');
    expect(fieldErrorKey(['must be after the start'])).toBe('error.field.invalid');
  });

  it('useErrorText gives the form message and field messages in the page language', () => {
    let seen: ErrorText | undefined;
    function Probe({ error }: { error: unknown }) {
      seen = useErrorText()(error);
      return null;
    }
    const error = apiError({ appCode: 'VALIDATION', fieldErrors: { email: ['Invalid email address'] } });
    renderToStaticMarkup(<I18nProvider lang="en"><Probe error={error} /></I18nProvider>);
    expect(seen).toEqual({ message: 'Please check what you entered.', fields: { email: 'Enter an e-mail address' } });
    renderToStaticMarkup(<I18nProvider lang="ja"><Probe error={error} /></I18nProvider>);
    expect(seen).toEqual({ message: '入力内容を確認してください。', fields: { email: 'メールアドレスの形式で入力してください' } });
    renderToStaticMarkup(<I18nProvider lang="ja"><Probe error={null} /></I18nProvider>);
    expect(seen).toEqual({ message: null, fields: {} });
  });
});
