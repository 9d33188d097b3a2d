'use client';
import { useQuery } from '@tanstack/react-query';
import { Field, Select } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/** A "group" filter for lists: every group the viewer may see, plus an "all" choice (value ''). */
export function GroupFilter({ id, label, allLabel, value, onChange }: { id: string; label: string; allLabel: string; value: string; onChange: (groupId: string) => void }) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.groups.list.queryOptions());
  return (
    <Field label={label} htmlFor={id}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {(groups.data ?? []).map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
