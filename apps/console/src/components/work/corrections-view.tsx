'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, DataTable, Field, Select, TextArea, TextInput, useDomainError, useLanguage, useT, type DomainErrorRules } from '@telework/ui';
import { formatJst, jstInputValue, parseJstInput, type MessageKey } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { todayJst } from '@/components/people/calendar';

// The API's reasons and field texts for corrections and the monthly close, in words.
const REASONS: Record<string, MessageKey> = { MONTH_CLOSED: 'corrections.monthClosed', ALREADY_CLOSED: 'monthClose.alreadyClosed', NOT_CLOSED: 'monthClose.notClosed' };
const FIELD_TEXTS: [RegExp, MessageKey][] = [
  [/after the start/i, 'corrections.endBeforeStart'],
  [/not in the future/i, 'corrections.notFuture'],
  [/at most 24 hours/i, 'corrections.tooLong'],
];
const RULES: DomainErrorRules = { reason: (r) => REASONS[r], fieldText: (m) => FIELD_TEXTS.find(([re]) => re.test(m))?.[1] };

type Status = 'PENDING' | 'APPROVED' | 'REJECTED';
interface Draft {
  /** Set for an administrator's direct correction of this worker; unset for the caller's own request. */
  userId?: string;
  workSessionId: string | null;
  start: string;
  end: string;
  reason: string;
}

/** Last day of a 'YYYY-MM' month. */
function monthEnd(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** 打刻修正: the caller's punches and requests; for managers and admins, the requests to decide. */
export function CorrectionsView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useDomainError(RULES);
  const me = useQuery(trpc.auth.me.queryOptions());
  const role = me.data && 'role' in me.data ? me.data.role : null;
  const [month, setMonth] = useState(todayJst().slice(0, 7));
  const sessions = useQuery(trpc.corrections.mySessions.queryOptions({ from: `${month}-01`, to: monthEnd(month) }));
  const mine = useQuery(trpc.corrections.mine.queryOptions());
  const toDecide = useQuery({ ...trpc.corrections.toDecide.queryOptions({ status: 'PENDING' }), enabled: role === 'ADMIN' || role === 'MANAGER' });
  const request = useMutation(trpc.corrections.request.mutationOptions());
  const direct = useMutation(trpc.corrections.correctDirectly.mutationOptions());
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: role === 'ADMIN' });
  const [directUser, setDirectUser] = useState('');
  const chosenUser = directUser || users.data?.[0]?.id || '';
  const userSessions = useQuery({ ...trpc.corrections.sessionsOf.queryOptions({ userId: chosenUser, from: `${month}-01`, to: monthEnd(month) }), enabled: role === 'ADMIN' && chosenUser !== '' });
  const decide = useMutation(trpc.corrections.decide.mutationOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.corrections.pathKey() });
  const err = errorText(request.error ?? direct.error);
  const decideErr = errorText(decide.error);
  const span = (start: Date, end: Date | null) => `${formatJst(start, lang)} – ${end ? formatJst(end, lang) : t('corrections.noEnd')}`;

  const open = (workSessionId: string | null, start: Date, end: Date | null, userId?: string) => {
    request.reset();
    direct.reset();
    setLocal({});
    setDraft({ userId, workSessionId, start: jstInputValue(start), end: jstInputValue(end ?? new Date(start.getTime() + 9 * 3_600_000)), reason: '' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const startedAt = parseJstInput(draft.start);
    const endedAt = parseJstInput(draft.end);
    const bad: Record<string, string> = {};
    if (!startedAt) bad.startedAt = t('error.field.invalid');
    if (!endedAt) bad.endedAt = t('error.field.invalid');
    setLocal(bad);
    if (!startedAt || !endedAt) return;
    const done = {
      onSuccess: () => {
        setDraft(null);
        void refresh();
      },
    };
    if (draft.userId) direct.mutate({ userId: draft.userId, workSessionId: draft.workSessionId, startedAt, endedAt, reason: draft.reason }, done);
    else request.mutate({ workSessionId: draft.workSessionId, startedAt, endedAt, reason: draft.reason }, done);
  };
  const fields = { ...err.fields, ...local };
  const statusText = (s: Status) => t(`corrections.status.${s}`);

  return (
    <>
      <h1>{t('corrections.title')}</h1>
      <p className="tw-muted">{t('corrections.intro')}</p>
      {request.isSuccess ? <Alert tone="success">{t('corrections.sent')}</Alert> : null}
      {direct.isSuccess ? <Alert tone="success">{t('corrections.directDone')}</Alert> : null}

      {role === 'ADMIN' || role === 'MANAGER' ? (
        <Card title={t('corrections.toDecide')}>
          {decideErr.message ? <Alert>{decideErr.message}</Alert> : null}
          <DataTable
            rows={toDecide.data ?? []}
            rowKey={(c) => c.id}
            empty={toDecide.isLoading ? t('common.loading') : t('common.none')}
            columns={[
              { key: 'worker', header: t('corrections.worker'), cell: (c) => `${c.user.name}（${c.user.loginId}）` },
              { key: 'punched', header: t('corrections.punched'), cell: (c) => (c.workSession ? span(c.workSession.startedAt, c.workSession.endedAt) : '—') },
              { key: 'corrected', header: t('corrections.corrected'), cell: (c) => span(c.startedAt, c.endedAt) },
              { key: 'reason', header: t('corrections.reason'), cell: (c) => c.reason },
              {
                key: 'note',
                header: t('corrections.note'),
                cell: (c) => <TextInput aria-label={t('corrections.note')} value={notes[c.id] ?? ''} onChange={(e) => setNotes({ ...notes, [c.id]: e.target.value })} />,
              },
              {
                key: 'actions',
                header: '',
                cell: (c) => (
                  <span style={{ display: 'flex', gap: 6 }}>
                    <Button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: c.id, approve: true, note: notes[c.id] || null }, { onSuccess: () => void refresh() })}>
                      {t('corrections.approve')}
                    </Button>
                    <Button type="button" variant="danger" disabled={decide.isPending} onClick={() => decide.mutate({ id: c.id, approve: false, note: notes[c.id] || null }, { onSuccess: () => void refresh() })}>
                      {t('corrections.reject')}
                    </Button>
                  </span>
                ),
              },
            ]}
          />
        </Card>
      ) : null}

      <Card title={t('corrections.mySessions')}>
        <div style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
          <Field label={t('corrections.month')} htmlFor="c-month">
            <TextInput id="c-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </Field>
          <Button type="button" variant="secondary" onClick={() => open(null, parseJstInput(`${todayJst()}T09:00`) ?? new Date(), null)}>
            {t('corrections.askUnpunched')}
          </Button>
        </div>
        <DataTable
          rows={sessions.data ?? []}
          rowKey={(s) => s.id}
          empty={sessions.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'start', header: t('corrections.punchedStart'), cell: (s) => formatJst(s.startedAt, lang) },
            { key: 'end', header: t('corrections.punchedEnd'), cell: (s) => (s.endedAt ? `${formatJst(s.endedAt, lang)}${s.flaggedForgotten ? `（${t('corrections.forgotten')}）` : ''}` : t('corrections.noEnd')) },
            {
              key: 'ask',
              header: '',
              cell: (s) => (
                <Button type="button" variant="secondary" onClick={() => open(s.id, s.startedAt, s.flaggedForgotten ? null : s.endedAt)}>
                  {t('corrections.ask')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      {draft ? (
        <Card title={draft.userId ? t('corrections.directForm') : t('corrections.form')}>
          <form className="tw-form" onSubmit={submit} noValidate>
            {err.message ? <Alert>{err.message}</Alert> : null}
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Field label={t('corrections.start')} htmlFor="c-start" error={fields.startedAt}>
                <TextInput id="c-start" type="datetime-local" value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} />
              </Field>
              <Field label={t('corrections.end')} htmlFor="c-end" error={fields.endedAt}>
                <TextInput id="c-end" type="datetime-local" value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.target.value })} />
              </Field>
            </div>
            <Field label={t('corrections.reason')} htmlFor="c-reason" error={fields.reason}>
              <TextArea id="c-reason" rows={3} maxLength={500} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />
            </Field>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button type="submit" disabled={request.isPending || direct.isPending}>
                {draft.userId ? t('corrections.directSave') : t('corrections.send')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        </Card>
      ) : null}

      {role === 'ADMIN' ? (
        <Card title={t('corrections.direct')}>
          <p className="tw-muted">{t('corrections.directIntro')}</p>
          <div style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
            <Field label={t('corrections.directUser')} htmlFor="c-user">
              <Select id="c-user" value={chosenUser} onChange={(e) => setDirectUser(e.target.value)}>
                {(users.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}（{u.loginId}）
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="button" variant="secondary" disabled={!chosenUser} onClick={() => open(null, parseJstInput(`${todayJst()}T09:00`) ?? new Date(), null, chosenUser)}>
              {t('corrections.directAdd')}
            </Button>
          </div>
          <DataTable
            rows={userSessions.data ?? []}
            rowKey={(s) => s.id}
            empty={userSessions.isLoading ? t('common.loading') : t('common.none')}
            columns={[
              { key: 'start', header: t('corrections.punchedStart'), cell: (s) => formatJst(s.startedAt, lang) },
              { key: 'end', header: t('corrections.punchedEnd'), cell: (s) => (s.endedAt ? `${formatJst(s.endedAt, lang)}${s.flaggedForgotten ? `（${t('corrections.forgotten')}）` : ''}` : t('corrections.noEnd')) },
              {
                key: 'fix',
                header: '',
                cell: (s) => (
                  <Button type="button" variant="secondary" onClick={() => open(s.id, s.startedAt, s.flaggedForgotten ? null : s.endedAt, chosenUser)}>
                    {t('corrections.directFix')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      {role === 'ADMIN' ? <MonthCloseCard /> : null}

      <Card title={t('corrections.mine')}>
        <DataTable
          rows={mine.data ?? []}
          rowKey={(c) => c.id}
          empty={mine.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'at', header: t('corrections.requestedAt'), cell: (c) => formatJst(c.createdAt, lang) },
            { key: 'punched', header: t('corrections.punched'), cell: (c) => (c.workSession ? span(c.workSession.startedAt, c.workSession.endedAt) : '—') },
            { key: 'corrected', header: t('corrections.corrected'), cell: (c) => span(c.startedAt, c.endedAt) },
            { key: 'reason', header: t('corrections.reason'), cell: (c) => c.reason },
            { key: 'status', header: t('corrections.status'), cell: (c) => statusText(c.status) },
            { key: 'note', header: t('corrections.note'), cell: (c) => c.decisionNote ?? '' },
          ]}
        />
      </Card>
    </>
  );
}

/** 月次締め per group (administrators). */
function MonthCloseCard() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useDomainError(RULES);
  const groups = useQuery(trpc.groups.list.queryOptions());
  const closes = useQuery(trpc.monthClose.list.queryOptions());
  const close = useMutation(trpc.monthClose.close.mutationOptions());
  const reopen = useMutation(trpc.monthClose.reopen.mutationOptions());
  const [groupId, setGroupId] = useState('');
  const [month, setMonth] = useState(todayJst().slice(0, 7));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.monthClose.pathKey() });
  const err = errorText(close.error ?? reopen.error);
  const chosen = groupId || groups.data?.[0]?.id || '';
  const run = (m: typeof close) => {
    close.reset();
    reopen.reset();
    if (chosen) m.mutate({ groupId: chosen, month }, { onSuccess: () => void refresh() });
  };
  return (
    <Card title={t('monthClose.title')}>
      <p className="tw-muted">{t('monthClose.intro')}</p>
      <p className="tw-muted">{t('monthClose.payrollNote')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <div style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
        <Field label={t('monthClose.group')} htmlFor="mc-group">
          <Select id="mc-group" value={chosen} onChange={(e) => setGroupId(e.target.value)}>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('monthClose.month')} htmlFor="mc-month">
          <TextInput id="mc-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </Field>
        <Button type="button" disabled={!chosen || close.isPending} onClick={() => run(close)}>
          {t('monthClose.close')}
        </Button>
        <Button type="button" variant="secondary" disabled={!chosen || reopen.isPending} onClick={() => run(reopen)}>
          {t('monthClose.reopen')}
        </Button>
      </div>
      <DataTable
        rows={closes.data ?? []}
        rowKey={(c) => `${c.groupId}|${c.month}`}
        empty={closes.isLoading ? t('common.loading') : t('common.none')}
        columns={[
          { key: 'month', header: t('monthClose.month'), cell: (c) => c.month },
          { key: 'group', header: t('monthClose.group'), cell: (c) => c.group.name },
          { key: 'state', header: t('monthClose.state'), cell: (c) => (c.reopenedAt ? t('monthClose.open') : t('monthClose.closed')) },
          { key: 'closedAt', header: t('monthClose.closedAt'), cell: (c) => formatJst(c.closedAt, lang) },
          { key: 'reopenedAt', header: t('monthClose.reopenedAt'), cell: (c) => (c.reopenedAt ? formatJst(c.reopenedAt, lang) : '') },
          {
            key: 'payroll',
            header: t('monthClose.payroll'),
            // Only a closed month has final figures (the server answers 409 otherwise).
            cell: (c) =>
              c.reopenedAt ? (
                ''
              ) : (
                <span className="tw-actions">
                  <a href={payrollHref(c.groupId, c.month, 'csv')} data-testid="payroll-csv" download>
                    {t('monthClose.payrollCsv')}
                  </a>{' '}
                  <a href={payrollHref(c.groupId, c.month, 'csv-sjis')} data-testid="payroll-sjis" download>
                    {t('monthClose.payrollSjis')}
                  </a>{' '}
                  <a href={payrollHref(c.groupId, c.month, 'xlsx')} data-testid="payroll-xlsx" download>
                    {t('monthClose.payrollXlsx')}
                  </a>
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}

function payrollHref(groupId: string, month: string, format: 'csv' | 'csv-sjis' | 'xlsx'): string {
  return `/api/export/payroll?${new URLSearchParams({ groupId, month, format }).toString()}`;
}
