'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Card, Field, Select, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { CheckboxList } from './checkbox-list';
import { groupTree } from './group-tree';
import { PatternEditor } from './pattern-editor';
import { usePeopleError } from './use-people-error';

/** 一括割り当て: one weekly pattern for a whole group or for the workers ticked in a list. */
export function BulkAssignCard({ today }: { today: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const tree = groupTree(groups.data ?? []);
  const workers = (users.data ?? []).filter((u) => u.role === 'WORKER' && !u.disabledAt);
  const [mode, setMode] = useState<'group' | 'users'>('group');
  const [groupId, setGroupId] = useState('');
  const [userIds, setUserIds] = useState<string[]>([]);
  const [local, setLocal] = useState('');
  const assign = useMutation(trpc.schedules.assignPattern.mutationOptions());
  const chosenGroup = groupId || tree[0]?.group.id || '';
  return (
    <Card title={t('schedules.bulk.title')}>
      <p className="tw-muted">{t('schedules.bulk.hint')}</p>
      <div role="radiogroup" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginBottom: 8 }}>
        {(['group', 'users'] as const).map((m) => (
          <label key={m} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input type="radio" name="bulk-mode" value={m} checked={mode === m} onChange={() => { setMode(m); assign.reset(); }} />
            {t(m === 'group' ? 'schedules.bulk.byGroup' : 'schedules.bulk.byUsers')}
          </label>
        ))}
      </div>
      {mode === 'group' ? (
        <Field label={t('schedules.bulk.group')} htmlFor="bulk-group">
          <Select id="bulk-group" value={chosenGroup} onChange={(e) => setGroupId(e.target.value)}>
            {tree.map(({ group, depth }) => (
              <option key={group.id} value={group.id}>
                {'　'.repeat(depth)}
                {group.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label={t('schedules.bulk.users')} htmlFor="bulk-users" error={local || undefined}>
          <CheckboxList id="bulk-users" options={workers.map((u) => ({ id: u.id, label: `${u.name}（${u.loginId}）` }))} value={userIds} onChange={setUserIds} empty={t('schedules.bulk.noUsers')} />
        </Field>
      )}
      <PatternEditor
        stored={null}
        showInForce={false}
        defaultFrom={today}
        idPrefix="bulk"
        err={peopleError(assign.error)}
        pending={assign.isPending}
        submitLabel={t('schedules.bulk.assign')}
        onSave={(p) => {
          if (mode === 'users' && userIds.length === 0) {
            setLocal(t('schedules.bulk.pickSomeone'));
            return;
          }
          setLocal('');
          const target = mode === 'group' ? { groupId: chosenGroup } : { userIds };
          assign.mutate({ target, ...p }, { onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.schedules.forUser.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.schedules.pattern.pathKey() })]) });
        }}
      />
      {assign.isSuccess ? <Alert tone="success">{t('schedules.bulk.done', { count: assign.data.count })}</Alert> : null}
    </Card>
  );
}
