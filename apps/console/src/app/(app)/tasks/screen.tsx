'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, DataTable, Field, TextInput, useT, type DataColumn } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { Dialog, FormActions } from '@/components/people/dialog';
import { usePeopleError } from '@/components/people/use-people-error';
import type { TaskRow } from '@/components/people/types';

type Open = { kind: 'create' } | { kind: 'edit'; task: TaskRow } | null;

export default function TasksPage() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const tasks = useQuery(trpc.tasks.list.queryOptions({ activeOnly: false }));
  const [open, setOpen] = useState<Open>(null);
  const create = useMutation(trpc.tasks.create.mutationOptions());
  const update = useMutation(trpc.tasks.update.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
  const close = () => {
    create.reset();
    update.reset();
    setOpen(null);
  };
  const toggleErr = open ? { message: null } : peopleError(update.error);

  const columns: DataColumn<TaskRow>[] = [
    { key: 'code', header: t('tasks.code'), cell: (x) => <code>{x.code}</code> },
    { key: 'name', header: t('tasks.name'), cell: (x) => x.name },
    {
      key: 'active',
      header: t('tasks.active'),
      cell: (x) => <span className={`tw-badge ${x.active ? 'tw-state-PRESENT' : 'tw-state-OFF'}`}>{x.active ? t('people.active') : t('people.inactive')}</span>,
    },
    {
      key: 'actions',
      header: t('people.actions'),
      cell: (x) => (
        <div style={{ display: 'flex', gap: 4 }}>
          <Button variant="link" onClick={() => setOpen({ kind: 'edit', task: x })}>
            {t('common.edit')}
          </Button>
          <Button variant="link" disabled={update.isPending} onClick={() => update.mutate({ taskId: x.id, code: x.code, name: x.name, active: !x.active }, { onSuccess: () => void refresh() })}>
            {x.active ? t('tasks.deactivate') : t('tasks.activate')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <h1>{t('tasks.title')}</h1>
      <Card actions={<Button onClick={() => setOpen({ kind: 'create' })}>{t('tasks.add')}</Button>}>
        <p className="tw-muted">{t('tasks.activeHint')}</p>
        {toggleErr.message ? <Alert>{toggleErr.message}</Alert> : null}
        <DataTable columns={columns} rows={tasks.data ?? []} rowKey={(x) => x.id} empty={tasks.isLoading ? t('common.loading') : t('common.none')} />
      </Card>
      {open ? (
        <Dialog title={open.kind === 'create' ? t('tasks.add') : t('tasks.edit', { name: open.task.name })} onClose={close}>
          <TaskForm
            task={open.kind === 'edit' ? open.task : null}
            pending={create.isPending || update.isPending}
            err={peopleError(open.kind === 'create' ? create.error : update.error, { conflict: { field: 'code', key: 'tasks.codeTaken' } })}
            onCancel={close}
            onSubmit={(input) => {
              if (open.kind === 'create') create.mutate(input, { onSuccess: () => void refresh().then(close) });
              else update.mutate({ ...input, taskId: open.task.id }, { onSuccess: () => void refresh().then(close) });
            }}
          />
        </Dialog>
      ) : null}
    </>
  );
}

function TaskForm({ task, err, pending, onSubmit, onCancel }: {
  task: TaskRow | null;
  err: ReturnType<ReturnType<typeof usePeopleError>>;
  pending: boolean;
  onSubmit: (input: { code: string; name: string; active: boolean }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [v, setV] = useState({ code: task?.code ?? '', name: task?.name ?? '', active: task?.active ?? true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('tasks.code')} htmlFor="t-code" error={err.fields.code}>
        <TextInput id="t-code" value={v.code} onChange={(e) => setV({ ...v, code: e.target.value })} />
      </Field>
      <Field label={t('tasks.name')} htmlFor="t-name" error={err.fields.name}>
        <TextInput id="t-name" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </Field>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} />
        {t('people.active')}
      </label>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={task ? t('common.save') : t('common.create')} />
    </form>
  );
}
