'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DataTable, Field, Select, TextInput, useT, type DataColumn } from '@telework/ui';
import { mayDo, mayOpen } from '@telework/api/console-pages';
import { useTRPC } from '@/trpc/client';
import { useMe } from '@/components/console-shell';
import { ConfirmDialog, Dialog } from '@/components/people/dialog';
import { SecretDialog } from '@/components/people/secret-dialog';
import { SeatUsage } from '@/components/people/seat-usage';
import { UserForm, emptyUser, userToForm, type UserFormValue } from '@/components/people/user-form';
import { usePeopleError } from '@/components/people/use-people-error';
import { subtreeIds } from '@/components/people/group-tree';
import { ROLES, type UserRow } from '@/components/people/types';

type Open =
  | { kind: 'create' }
  | { kind: 'edit' | 'delete' | 'disable' | 'reset'; user: UserRow }
  | { kind: 'secret'; created: boolean; name: string; loginId: string; secret: string }
  | null;

const toInput = (v: UserFormValue) => ({
  name: v.name, email: v.email.trim() || null, department: v.department.trim() || null, role: v.role, language: v.language, groupIds: v.groupIds,
});

export default function UsersPage() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const canManage = mayDo(me.role, 'users.manage');
  const canReset = mayDo(me.role, 'users.resetPassword');
  const canImport = mayDo(me.role, 'users.import');
  const canFaces = mayOpen(me.role, '/faces');
  const users = useQuery(trpc.users.list.queryOptions());
  const groups = useQuery(trpc.groups.list.queryOptions());
  const seats = useQuery(trpc.users.seats.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const [filter, setFilter] = useState({ q: '', role: '', groupId: '', status: 'enabled' });

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.groups.pathKey() })]);
  const onError = () => void queryClient.invalidateQueries({ queryKey: trpc.users.seats.queryKey() });
  const create = useMutation(trpc.users.create.mutationOptions({ onError }));
  const update = useMutation(trpc.users.update.mutationOptions({ onError }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onError }));
  const remove = useMutation(trpc.users.delete.mutationOptions());
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());

  const close = () => {
    for (const m of [create, update, setDisabled, remove, reset]) m.reset();
    setOpen(null);
  };
  const seatFigures = seats.data;
  const groupNames = new Map((groups.data ?? []).map((g) => [g.id, g.name]));

  const rows = useMemo(() => {
    const q = filter.q.trim().toLowerCase();
    const inGroups = filter.groupId ? subtreeIds(groups.data ?? [], filter.groupId) : null;
    return (users.data ?? []).filter(
      (u) =>
        (!q || [u.loginId, u.name, u.department ?? '', u.email ?? ''].some((s) => s.toLowerCase().includes(q))) &&
        (!filter.role || u.role === filter.role) &&
        (!inGroups || u.memberships.some((m) => inGroups.has(m.groupId))) &&
        (filter.status === '' || (filter.status === 'enabled') === !u.disabledAt),
    );
  }, [users.data, groups.data, filter]);

  const columns: DataColumn<UserRow>[] = [
    { key: 'loginId', header: t('users.loginId'), cell: (u) => <code>{u.loginId}</code> },
    { key: 'name', header: t('users.name'), cell: (u) => u.name },
    { key: 'role', header: t('users.role'), cell: (u) => t(`role.${u.role}`) },
    { key: 'department', header: t('users.department'), cell: (u) => u.department ?? t('people.none') },
    {
      key: 'groups',
      header: t('users.groups'),
      cell: (u) =>
        u.memberships.length === 0
          ? t('people.none')
          : u.memberships.map((m) => `${groupNames.get(m.groupId) ?? '…'}${m.kind === 'MANAGER' ? `（${t('role.MANAGER')}）` : ''}`).join('、'),
    },
    {
      key: 'status',
      header: t('users.status'),
      cell: (u) => <span className={`tw-badge ${u.disabledAt ? 'tw-state-OFF' : 'tw-state-PRESENT'}`}>{u.disabledAt ? t('users.disabled') : t('users.enabled')}</span>,
    },
    {
      key: 'actions',
      header: t('people.actions'),
      cell: (u) => (
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }} data-testid={`actions-${u.loginId}`}>
          {canManage ? (
            <Button variant="link" onClick={() => setOpen({ kind: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {canFaces ? (
            <a href={`/faces?userId=${u.id}`} className="tw-button tw-button-link" data-testid={`faces-${u.loginId}`}>
              {t('nav.faces')}
            </a>
          ) : null}
          {canReset && u.id !== me.userId ? (
            // One's own password is changed on the profile page, with the current one.
            <Button variant="link" onClick={() => setOpen({ kind: 'reset', user: u })}>
              {t('users.resetPassword')}
            </Button>
          ) : null}
          {canManage && u.id !== me.userId ? (
            <>
              <Button
                variant="link"
                onClick={() => (u.disabledAt ? setDisabled.mutate({ userId: u.id, disabled: false }, { onSuccess: () => void refresh() }) : setOpen({ kind: 'disable', user: u }))}
              >
                {u.disabledAt ? t('users.enable') : t('users.disable')}
              </Button>
              <Button variant="link" onClick={() => setOpen({ kind: 'delete', user: u })}>
                {t('common.delete')}
              </Button>
            </>
          ) : null}
        </div>
      ),
    },
  ];

  // Enabling runs without a dialog, so its refusal (e.g. no free seat) is shown above the table.
  const enableErr = open ? { message: null } : peopleError(setDisabled.error, { seats: seatFigures });

  return (
    <>
      <h1>{t('users.title')}</h1>
      <Card
        title={seatFigures ? <span data-testid="seat-usage">{t('users.seats', { used: seatFigures.used, allowed: seatFigures.allowed })}</span> : t('common.loading')}
        actions={
          canManage || canImport ? (
            <span style={{ display: 'flex', gap: 8 }}>
              {canImport ? (
                <a href="/users/import" className="tw-button tw-button-secondary" data-testid="open-import">
                  {t('usersImport.open')}
                </a>
              ) : null}
              {canManage ? <Button onClick={() => setOpen({ kind: 'create' })}>{t('users.add')}</Button> : null}
            </span>
          ) : undefined
        }
      >
        {seatFigures ? <SeatUsage used={seatFigures.used} allowed={seatFigures.allowed} /> : null}
        {!canManage ? <Alert tone="info">{t('users.managerNote')}</Alert> : null}
      </Card>
      <Card>
        <div className="tw-toolbar">
          <Field label={t('common.search')} htmlFor="f-q">
            <TextInput id="f-q" type="search" placeholder={t('users.search')} value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
          </Field>
          <Field label={t('users.role')} htmlFor="f-role">
            <Select id="f-role" value={filter.role} onChange={(e) => setFilter({ ...filter, role: e.target.value })}>
              <option value="">{t('users.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('users.groups')} htmlFor="f-group">
            <Select id="f-group" value={filter.groupId} onChange={(e) => setFilter({ ...filter, groupId: e.target.value })}>
              <option value="">{t('users.allGroups')}</option>
              {(groups.data ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('users.status')} htmlFor="f-status">
            <Select id="f-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
              <option value="">{t('users.allStatuses')}</option>
              <option value="enabled">{t('users.enabled')}</option>
              <option value="disabled">{t('users.disabled')}</option>
            </Select>
          </Field>
          <p className="tw-muted" style={{ alignSelf: 'flex-end' }}>
            {t('users.count', { count: rows.length })}
          </p>
        </div>
        {peopleError(users.error).message ? <Alert>{peopleError(users.error).message}</Alert> : null}
        {enableErr.message ? <Alert>{enableErr.message}</Alert> : null}
        <DataTable columns={columns} rows={rows} rowKey={(u) => u.id} empty={users.isLoading ? t('common.loading') : t('common.none')} />
      </Card>

      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <Dialog title={open.kind === 'create' ? t('users.create') : t('users.edit', { name: open.user.name })} onClose={close}>
          <UserForm
            initial={open.kind === 'create' ? emptyUser() : userToForm(open.user)}
            creating={open.kind === 'create'}
            groups={groups.data ?? []}
            pending={create.isPending || update.isPending}
            err={peopleError(open.kind === 'create' ? create.error : update.error, {
              seats: seatFigures,
              conflict: { field: 'loginId', key: 'users.loginIdTaken' },
              reasonField: { OWN_ROLE: 'role' },
            })}
            onCancel={close}
            onSubmit={(v) => {
              if (open.kind === 'create') {
                create.mutate(
                  { ...toInput(v), loginId: v.loginId.trim() },
                  { onSuccess: (r) => void refresh().then(() => setOpen({ kind: 'secret', created: true, name: v.name, loginId: v.loginId.trim(), secret: r.initialPassword })) },
                );
              } else {
                update.mutate({ userId: open.user.id, data: toInput(v) }, { onSuccess: () => void refresh().then(close) });
              }
            }}
          />
        </Dialog>
      ) : null}

      {open?.kind === 'delete' ? (
        <ConfirmDialog
          message={t('users.deleteConfirm', { name: open.user.name, loginId: open.user.loginId })}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={peopleError(remove.error).message}
          onClose={close}
          onConfirm={() => remove.mutate({ userId: open.user.id }, { onSuccess: () => void refresh().then(close) })}
        />
      ) : null}

      {open?.kind === 'disable' ? (
        <ConfirmDialog
          message={t('users.disableConfirm', { name: open.user.name })}
          confirmLabel={t('users.disable')}
          danger
          pending={setDisabled.isPending}
          error={peopleError(setDisabled.error, { seats: seatFigures }).message}
          onClose={close}
          onConfirm={() => setDisabled.mutate({ userId: open.user.id, disabled: true }, { onSuccess: () => void refresh().then(close) })}
        />
      ) : null}

      {open?.kind === 'reset' ? (
        <ConfirmDialog
          message={t('users.resetConfirm', { name: open.user.name })}
          confirmLabel={t('users.resetPassword')}
          pending={reset.isPending}
          error={peopleError(reset.error).message}
          onClose={close}
          onConfirm={() =>
            reset.mutate({ userId: open.user.id }, { onSuccess: (r) => setOpen({ kind: 'secret', created: false, name: open.user.name, loginId: open.user.loginId, secret: r.password }) })
          }
        />
      ) : null}

      {open?.kind === 'secret' ? (
        <SecretDialog
          title={open.created ? t('users.created', { name: open.name }) : t('users.resetPassword')}
          label={open.created ? t('users.initialPassword') : t('users.newPassword')}
          who={t('users.passwordFor', { name: open.name, loginId: open.loginId })}
          secret={open.secret}
          onClose={close}
        />
      ) : null}
    </>
  );
}
