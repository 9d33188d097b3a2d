'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, DataTable, Field, Select, useLanguage, useT } from '@telework/ui';
import { formatJst, hasMessage } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { GroupFilter } from '@/components/group-filter';
import { StateBadge, type BoardState } from '@/components/work/state-badge';

const STATES: BoardState[] = ['WORKING', 'PRESENT', 'AWAY', 'INCIDENT', 'OFF'];
// The board polls: an event reaches the screen within this interval plus one round trip.
const REFRESH_MS = 3_000;

export default function BoardPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const [groupId, setGroupId] = useState('');
  const [state, setState] = useState<BoardState | ''>('');
  const board = useQuery({
    ...trpc.work.board.queryOptions({ groupId: groupId || null, states: state ? [state] : undefined }),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: true,
  });
  const rows = board.data?.workers ?? [];
  const time = (d: Date | null | undefined) => (d ? formatJst(d, lang) : '—');
  const incidentKindLabel = (kind: string) => {
    const key = `incident.kind.${kind}`;
    return hasMessage(key) ? t(key) : kind;
  };

  return (
    <>
      <h1>{t('board.title')}</h1>
      <div className="tw-grid" style={{ marginBottom: '1rem' }}>
        {STATES.map((s) => (
          <button key={s} type="button" className="tw-stat" style={{ textAlign: 'left', cursor: 'pointer', outline: state === s ? '2px solid var(--tw-primary)' : undefined }} onClick={() => setState(state === s ? '' : s)}>
            <div className="tw-stat-label">
              <StateBadge state={s} />
            </div>
            <div className="tw-stat-value" data-testid={`count-${s}`}>
              {t('board.count', { count: board.data?.counts[s] ?? 0 })}
            </div>
          </button>
        ))}
      </div>
      <Card
        actions={<span className="tw-muted">{board.data ? t('board.autoRefresh', { seconds: REFRESH_MS / 1000, time: formatJst(board.data.generatedAt, lang) }) : t('common.loading')}</span>}
      >
        <div className="tw-toolbar">
          <GroupFilter id="group" label={t('board.group')} allLabel={t('common.all')} value={groupId} onChange={setGroupId} />
          <Field label={t('board.state')} htmlFor="state">
            <Select id="state" value={state} onChange={(e) => setState(STATES.find((s) => s === e.target.value) ?? '')}>
              <option value="">{t('common.all')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <span>{t('analytics.export')}:</span>
          {(['csv', 'csv-sjis', 'xlsx'] as const).map((format) => (
            <a key={format} href={`/api/export/board?${new URLSearchParams({ format, lang, ...(groupId ? { groupId } : {}) }).toString()}`} data-testid={`board-export-${format}`} download>
              {t(format === 'csv' ? 'analytics.export.csv' : format === 'csv-sjis' ? 'analytics.export.sjis' : 'analytics.export.xlsx')}
            </a>
          ))}
        </div>
        <DataTable
          rows={rows}
          rowKey={(r) => r.userId}
          empty={board.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            {
              key: 'worker',
              header: t('board.worker'),
              cell: (r) => (
                <a href={`/analytics?userId=${r.userId}&period=month`} data-testid={`worker-${r.loginId}`}>
                  {r.name}
                </a>
              ),
            },
            {
              key: 'state',
              header: t('board.state'),
              cell: (r) => (
                <>
                  <span data-testid={`state-${r.loginId}`}>
                    <StateBadge state={r.state} />
                  </span>
                  {/* Which incident: peeking, impersonation, spoof or a covered camera. */}
                  {r.state === 'INCIDENT' && r.lastIncident ? (
                    <span className="tw-muted" data-testid={`incident-kind-${r.loginId}`} style={{ marginLeft: 6 }}>
                      {incidentKindLabel(r.lastIncident.kind)}
                    </span>
                  ) : null}
                </>
              ),
            },
            { key: 'task', header: t('board.task'), cell: (r) => r.task?.name ?? '—' },
            { key: 'since', header: t('board.since'), cell: (r) => time(r.since) },
            { key: 'contact', header: t('board.lastContact'), cell: (r) => time(r.lastContactAt) },
            { key: 'incidents', header: t('board.incidentsToday'), cell: (r) => r.incidentsToday, align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
