'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Field, Select, TextInput, useT, type ErrorText } from '@telework/ui';
import { CheckboxList } from './checkbox-list';
import { FormActions } from './dialog';
import { groupTree } from './group-tree';
import { ROLES, type GroupRow, type Role, type UserRow } from './types';

export interface UserFormValue {
  loginId: string;
  name: string;
  email: string;
  department: string;
  role: Role;
  language: 'ja' | 'en';
  groupIds: string[];
}

export function emptyUser(): UserFormValue {
  return { loginId: '', name: '', email: '', department: '', role: 'WORKER', language: 'ja', groupIds: [] };
}

export function userToForm(u: UserRow): UserFormValue {
  return {
    loginId: u.loginId, name: u.name, email: u.email ?? '', department: u.department ?? '', role: u.role, language: u.language,
    groupIds: u.memberships.filter((m) => m.kind === 'MEMBER').map((m) => m.groupId),
  };
}

/** The fields of a user; the login ID only when creating (it never changes afterwards). */
export function UserForm({ initial, creating, groups, err, pending, onSubmit, onCancel }: {
  initial: UserFormValue;
  creating: boolean;
  groups: GroupRow[];
  err: ErrorText;
  pending: boolean;
  onSubmit: (value: UserFormValue) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [v, setV] = useState(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Checked here too so that each mistake is named under its field before the round trip (the
    // edit call nests the fields, so the API's own field errors would not name them).
    const bad: Record<string, string> = {};
    if (creating && !v.loginId.trim()) bad.loginId = t('error.field.required');
    else if (creating && !/^[A-Za-z0-9._@-]+$/.test(v.loginId.trim())) bad.loginId = t('error.field.invalid');
    if (!v.name.trim()) bad.name = t('error.field.required');
    if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) bad.email = t('error.field.email');
    setLocal(bad);
    if (Object.keys(bad).length === 0) onSubmit(v);
  };
  const fields = { ...err.fields, ...local };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      {creating ? (
        <Field label={t('users.loginId')} htmlFor="u-loginId" error={fields.loginId} hint={t('users.loginIdHint')}>
          <TextInput id="u-loginId" autoComplete="off" value={v.loginId} onChange={(e) => setV({ ...v, loginId: e.target.value })} />
        </Field>
      ) : null}
      <Field label={t('users.name')} htmlFor="u-name" error={fields.name}>
        <TextInput id="u-name" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </Field>
      <Field label={t('users.role')} htmlFor="u-role" error={fields.role}>
        <Select id="u-role" value={v.role} onChange={(e) => setV({ ...v, role: ROLES.find((r) => r === e.target.value) ?? 'WORKER' })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('users.department')} htmlFor="u-department" error={fields.department}>
        <TextInput id="u-department" value={v.department} onChange={(e) => setV({ ...v, department: e.target.value })} />
      </Field>
      <Field label={t('users.email')} htmlFor="u-email" error={fields.email}>
        <TextInput id="u-email" type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} />
      </Field>
      <Field label={t('users.language')} htmlFor="u-language">
        <Select id="u-language" value={v.language} onChange={(e) => setV({ ...v, language: e.target.value === 'en' ? 'en' : 'ja' })}>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </Select>
      </Field>
      <Field label={t('users.groups')} htmlFor="u-groups" error={fields.groupIds}>
        <CheckboxList
          id="u-groups"
          options={groupTree(groups).map(({ group, depth }) => ({ id: group.id, label: group.name, indent: depth }))}
          value={v.groupIds}
          onChange={(groupIds) => setV({ ...v, groupIds })}
          empty={t('users.noGroups')}
        />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={creating ? t('common.create') : t('common.save')} />
    </form>
  );
}
