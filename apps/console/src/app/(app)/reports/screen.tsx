'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, Select, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { ConfirmDialog, Dialog, FormActions } from '@/components/people/dialog';
import { CheckboxList } from '@/components/people/checkbox-list';
import { groupTree } from '@/components/people/group-tree';
import { usePeopleError } from '@/components/people/use-people-error';
import type { GroupRow, ReportRow, UserRow } from '@/components/people/types';

type Open = { kind: 'create' } | { kind: 'edit' | 'delete'; report: ReportRow } | null;
type Period = ReportRow['period'];

export default function ReportsPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const reports = useQuery(trpc.reports.list.queryOptions());
  const groups = useQuery(trpc.groups.list.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const create = useMutation(trpc.reports.create.mutationOptions());
  const update = useMutation(trpc.reports.update.mutationOptions());
  const remove = useMutation(trpc.reports.delete.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
  const close = () => {
    for (const m of [create, update, remove]) m.reset();
    setOpen(null);
  };
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const day = (d: Date | string) => formatJst(d, lang, false);

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <Card actions={<Button onClick={() => setOpen({ kind: 'create' })}>{t('reports.add')}</Button>}>
        <p className="tw-muted">{t('reports.schedule')}</p>
        {peopleError(reports.error).message ? <Alert>{peopleError(reports.error).message}</Alert> : null}
        {reports.data?.length === 0 ? <p className="tw-muted">{t('common.none')}</p> : null}
      </Card>
      {(reports.data ?? []).map((r) => (
        <Card
          key={r.id}
          title={
            <>
              {r.group.name} · {t(`reports.period.${r.period}`)}{' '}
              <span className={`tw-badge ${r.active ? 'tw-state-PRESENT' : 'tw-state-OFF'}`}>{r.active ? t('people.active') : t('people.inactive')}</span>
            </>
          }
          actions={
            <div style={{ display: 'flex', gap: 4 }}>
              <Button variant="link" onClick={() => setOpen({ kind: 'edit', report: r })}>
                {t('common.edit')}
              </Button>
              <Button variant="link" onClick={() => setOpen({ kind: 'delete', report: r })}>
                {t('common.delete')}
              </Button>
            </div>
          }
        >
          <p>
            {t('reports.recipients')}: {r.recipientUserIds.map((id) => names.get(id) ?? '…').join('、')}
          </p>
          <h3 style={{ fontSize: '1rem', margin: '12px 0 4px' }}>{t('reports.lastRuns')}</h3>
          {r.runs.length === 0 ? (
            <p className="tw-muted">{t('reports.noRuns')}</p>
          ) : (
            <div className="tw-table-wrap">
              <table className="tw-table">
                <thead>
                  <tr>
                    <th style={left}>{t('reports.runPeriod')}</th>
                    <th style={left}>{t('reports.runStatus')}</th>
                    <th style={left}>{t('reports.sentAt')}</th>
                    <th style={left}>{t('reports.runError')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.runs.map((run) => (
                    <tr key={run.id}>
                      <td>
                        {day(`${run.periodStart.toISOString().slice(0, 10)}T00:00:00+09:00`)} – {day(`${run.periodEnd.toISOString().slice(0, 10)}T00:00:00+09:00`)}
                      </td>
                      <td>
                        <span className={`tw-badge ${run.status === 'SENT' ? 'tw-state-PRESENT' : run.status === 'FAILED' ? 'tw-state-INCIDENT' : 'tw-state-OFF'}`}>{t(`reports.status.${run.status}`)}</span>
                      </td>
                      <td>{run.sentAt ? formatJst(run.sentAt, lang) : t('people.none')}</td>
                      <td style={{ color: '#b91c1c' }}>{run.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ))}
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <Dialog title={open.kind === 'create' ? t('reports.add') : t('reports.edit')} onClose={close}>
          <ReportForm
            report={open.kind === 'edit' ? open.report : null}
            groups={groups.data ?? []}
            users={users.data ?? []}
            pending={create.isPending || update.isPending}
            err={peopleError(open.kind === 'create' ? create.error : update.error)}
            onCancel={close}
            onSubmit={(input) => {
              if (open.kind === 'create') create.mutate(input, { onSuccess: () => void refresh().then(close) });
              else update.mutate({ ...input, subscriptionId: open.report.id }, { onSuccess: () => void refresh().then(close) });
            }}
          />
        </Dialog>
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          message={t('reports.deleteConfirm', { name: open.report.group.name, period: t(`reports.period.${open.report.period}`) })}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={peopleError(remove.error).message}
          onClose={close}
          onConfirm={() => remove.mutate({ subscriptionId: open.report.id }, { onSuccess: () => void refresh().then(close) })}
        />
      ) : null}
    </>
  );
}

function ReportForm({ report, groups, users, err, pending, onSubmit, onCancel }: {
  report: ReportRow | null;
  groups: GroupRow[];
  users: UserRow[];
  err: ReturnType<ReturnType<typeof usePeopleError>>;
  pending: boolean;
  onSubmit: (input: { groupId: string; period: Period; recipientUserIds: string[]; active: boolean }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [v, setV] = useState({
    groupId: report?.groupId ?? '', period: report?.period ?? ('MONTHLY' as Period), recipientUserIds: report?.recipientUserIds ?? [], active: report?.active ?? true,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Said before the round trip: the API's own messages for these would be generic.
    const missing: Record<string, string> = {};
    if (!v.groupId) missing.groupId = t('error.field.required');
    if (v.recipientUserIds.length === 0) missing.recipientUserIds = t('reports.pickRecipients');
    setLocal(missing);
    if (Object.keys(missing).length === 0) onSubmit(v);
  };
  const fields = { ...err.fields, ...local };
  const recipients = users
    .filter((u) => u.role !== 'WORKER' && !u.disabledAt)
    .map((u) => ({ id: u.id, label: `${u.name}（${t(`role.${u.role}`)}${u.email ? `, ${u.email}` : `, ${t('reports.noEmail')}`}）`, disabled: !u.email }));
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('reports.group')} htmlFor="r-group" error={fields.groupId}>
        <Select id="r-group" value={v.groupId} onChange={(e) => setV({ ...v, groupId: e.target.value })}>
          <option value="">—</option>
          {groupTree(groups).map(({ group, depth }) => (
            <option key={group.id} value={group.id}>
              {'　'.repeat(depth)}
              {group.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('reports.period')} htmlFor="r-period" error={fields.period}>
        <Select id="r-period" value={v.period} onChange={(e) => setV({ ...v, period: e.target.value === 'WEEKLY' ? 'WEEKLY' : 'MONTHLY' })}>
          <option value="WEEKLY">{t('reports.period.WEEKLY')}</option>
          <option value="MONTHLY">{t('reports.period.MONTHLY')}</option>
        </Select>
      </Field>
      <Field label={t('reports.recipients')} htmlFor="r-recipients" error={fields.recipientUserIds} hint={t('reports.recipientsHint')}>
        <CheckboxList id="r-recipients" options={recipients} value={v.recipientUserIds} onChange={(recipientUserIds) => setV({ ...v, recipientUserIds })} empty={t('groups.noManagers')} />
      </Field>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} />
        {t('reports.active')}
      </label>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={report ? t('common.save') : t('common.create')} />
    </form>
  );
}
const left = { textAlign: 'left' } as const;
