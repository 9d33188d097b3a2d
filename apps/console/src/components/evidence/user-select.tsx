'use client';
import { useQuery } from '@tanstack/react-query';
import { Field, Select, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/**
 * A choice among the users the viewer may see (users.list is already scoped: a manager gets his
 * groups' members). `allLabel` adds an empty "everyone" choice; without it the first option is a prompt.
 */
export function UserSelect({ id, label, value, onChange, allLabel, promptLabel, roles }: {
  id: string;
  label: string;
  value: string;
  onChange: (userId: string) => void;
  allLabel?: string;
  promptLabel?: string;
  roles?: readonly ('ADMIN' | 'MANAGER' | 'WORKER')[];
}) {
  const t = useT();
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const rows = (users.data ?? []).filter((u) => !roles || roles.includes(u.role));
  return (
    <Field label={label} htmlFor={id}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : <option value="" disabled>{promptLabel ?? ''}</option>}
        {rows.map((u) => (
          <option key={u.id} value={u.id}>
            {t('evidence.user', { name: u.name, loginId: u.loginId })}
          </option>
        ))}
      </Select>
    </Field>
  );
}
