'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, DataTable, Field, Select, TextInput, useT, type DataColumn } from '@telework/ui';
import { mayDo } from '@telework/api/console-pages';
import { useTRPC } from '@/trpc/client';
import { useMe } from '@/components/console-shell';
import { ConfirmDialog, Dialog, FormActions } from '@/components/people/dialog';
import { CheckboxList } from '@/components/people/checkbox-list';
import { groupTree, subtreeIds } from '@/components/people/group-tree';
import { usePeopleError } from '@/components/people/use-people-error';
import type { GroupRow } from '@/components/people/types';

type Open = { kind: 'create' } | { kind: 'edit' | 'delete'; group: GroupRow } | null;

export default function GroupsPage() {
  const t = useT();
  const trpc = useTRPC();
  // Managers read the groups; only roles the API lets change them get the buttons.
  const canManage = mayDo(useMe().role, 'groups.manage');
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const create = useMutation(trpc.groups.create.mutationOptions());
  const update = useMutation(trpc.groups.update.mutationOptions());
  const remove = useMutation(trpc.groups.delete.mutationOptions());
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() })]);
  const close = () => {
    for (const m of [create, update, remove]) m.reset();
    setOpen(null);
  };
  const all = groups.data ?? [];
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const tree = groupTree(all);

  const columns: DataColumn<(typeof tree)[number]>[] = [
    {
      key: 'name',
      header: t('groups.name'),
      cell: ({ group, depth }) => (
        <span style={{ paddingLeft: depth * 20 }}>
          {depth > 0 ? '└ ' : ''}
          {group.name}
        </span>
      ),
    },
    {
      key: 'managers',
      header: t('groups.managers'),
      cell: ({ group }) => group.memberships.filter((m) => m.kind === 'MANAGER').map((m) => names.get(m.userId) ?? '…').join('、') || t('people.none'),
    },
    { key: 'members', header: t('groups.members'), align: 'right', cell: ({ group }) => t('groups.memberCount', { count: group.memberships.filter((m) => m.kind === 'MEMBER').length }) },
    ...(canManage
      ? [
        {
          key: 'actions',
          header: t('people.actions'),
          cell: ({ group }) => (
            <div style={{ display: 'flex', gap: 4 }}>
              <Button variant="link" onClick={() => setOpen({ kind: 'edit', group })}>
                {t('common.edit')}
              </Button>
              <Button variant="link" onClick={() => setOpen({ kind: 'delete', group })}>
                {t('common.delete')}
              </Button>
            </div>
          ),
        } satisfies DataColumn<(typeof tree)[number]>,
        ]
      : []),
  ];

  return (
    <>
      <h1>{t('groups.title')}</h1>
      <Card actions={canManage ? <Button onClick={() => setOpen({ kind: 'create' })}>{t('groups.add')}</Button> : undefined}>
        {peopleError(groups.error).message ? <Alert>{peopleError(groups.error).message}</Alert> : null}
        <DataTable columns={columns} rows={tree} rowKey={(r) => r.group.id} empty={groups.isLoading ? t('common.loading') : t('common.none')} />
      </Card>
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <Dialog title={open.kind === 'create' ? t('groups.add') : t('groups.edit', { name: open.group.name })} onClose={close}>
          <GroupForm
            group={open.kind === 'edit' ? open.group : null}
            groups={all}
            managers={(users.data ?? []).filter((u) => u.role !== 'WORKER' && !u.disabledAt).map((u) => ({ id: u.id, label: `${u.name}（${t(`role.${u.role}`)}）` }))}
            pending={create.isPending || update.isPending}
            err={peopleError(open.kind === 'create' ? create.error : update.error, { reasonField: { GROUP_CYCLE: 'parentId' } })}
            onCancel={close}
            onSubmit={(input) => {
              if (open.kind === 'create') create.mutate(input, { onSuccess: () => void refresh().then(close) });
              else update.mutate({ ...input, groupId: open.group.id }, { onSuccess: () => void refresh().then(close) });
            }}
          />
        </Dialog>
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          message={t('groups.deleteConfirm', { name: open.group.name })}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={peopleError(remove.error).message}
          onClose={close}
          onConfirm={() => remove.mutate({ groupId: open.group.id }, { onSuccess: () => void refresh().then(close) })}
        />
      ) : null}
    </>
  );
}

function GroupForm({ group, groups, managers, err, pending, onSubmit, onCancel }: {
  group: GroupRow | null;
  groups: GroupRow[];
  managers: { id: string; label: string }[];
  err: ReturnType<ReturnType<typeof usePeopleError>>;
  pending: boolean;
  onSubmit: (input: { name: string; parentId: string | null; managerIds: string[] }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(group?.name ?? '');
  const [parentId, setParentId] = useState(group?.parentId ?? '');
  const [managerIds, setManagerIds] = useState(group?.memberships.filter((m) => m.kind === 'MANAGER').map((m) => m.userId) ?? []);
  // Itself and its sub-groups are not offered as a parent; the API refuses a cycle anyway.
  const excluded = group ? subtreeIds(groups, group.id) : new Set<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, parentId: parentId || null, managerIds });
  };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('groups.name')} htmlFor="g-name" error={err.fields.name}>
        <TextInput id="g-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('groups.parent')} htmlFor="g-parent" error={err.fields.parentId}>
        <Select id="g-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">{t('groups.noParent')}</option>
          {groupTree(groups)
            .filter(({ group: g }) => !excluded.has(g.id))
            .map(({ group: g, depth }) => (
              <option key={g.id} value={g.id}>
                {'　'.repeat(depth)}
                {g.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field label={t('groups.managers')} htmlFor="g-managers" error={err.fields.managerIds}>
        <CheckboxList id="g-managers" options={managers} value={managerIds} onChange={setManagerIds} empty={t('groups.noManagers')} />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={group ? t('common.save') : t('common.create')} />
    </form>
  );
}
