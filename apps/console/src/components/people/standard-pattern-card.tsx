'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Card, Field, Select, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { groupTree } from './group-tree';
import { PatternEditor } from './pattern-editor';
import { usePeopleError } from './use-people-error';

const COMPANY = 'company';

/**
 * 標準勤務パターン: the company's default (administrators) and each group's pattern (administrators
 * and the group's managers), which workers without a pattern of their own follow.
 */
export function StandardPatternCard({ isAdmin, today }: { isAdmin: boolean; today: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const tree = groupTree(groups.data ?? []);
  const [scope, setScope] = useState(isAdmin ? COMPANY : '');
  const chosen = scope || tree[0]?.group.id || '';
  const groupId = chosen === COMPANY ? null : chosen;
  const stored = useQuery({ ...trpc.schedules.standardPattern.queryOptions({ groupId, on: today }), enabled: Boolean(chosen) });
  const save = useMutation(trpc.schedules.setStandardPattern.mutationOptions());
  return (
    <Card title={t('schedules.standard.title')}>
      <p className="tw-muted">{t('schedules.standard.hint')}</p>
      {isAdmin ? null : <p className="tw-muted">{t('schedules.standard.companyAdminOnly')}</p>}
      <Field label={t('schedules.standard.scope')} htmlFor="sp-scope">
        <Select id="sp-scope" value={chosen} onChange={(e) => { setScope(e.target.value); save.reset(); }}>
          {isAdmin ? <option value={COMPANY}>{t('schedules.standard.company')}</option> : null}
          {tree.map(({ group, depth }) => (
            <option key={group.id} value={group.id}>
              {'　'.repeat(depth)}
              {group.name}
            </option>
          ))}
        </Select>
      </Field>
      {peopleError(stored.error ?? groups.error).message ? <Alert>{peopleError(stored.error ?? groups.error).message}</Alert> : null}
      {chosen && !stored.isPending ? (
        <PatternEditor
          key={`${chosen}-${stored.data?.validFrom ?? 'none'}`}
          stored={stored.data ?? null}
          defaultFrom={today}
          idPrefix="sp"
          err={peopleError(save.error)}
          pending={save.isPending}
          submitLabel={t('schedules.standard.save')}
          onSave={(p) => save.mutate({ groupId, ...p }, { onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.schedules.standardPattern.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.schedules.forUser.pathKey() })]) })}
        />
      ) : null}
      {save.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
    </Card>
  );
}
