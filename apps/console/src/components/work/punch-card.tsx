'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, Field, Select, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

type Kind = 'WORK_START' | 'WORK_END' | 'TASK_START' | 'TASK_END';

/** Punching in the browser, for workers without the desktop agent (same rules as the agent's punches). */
export function PunchCard() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const state = useQuery(trpc.work.myState.queryOptions());
  const tasks = useQuery(trpc.tasks.list.queryOptions({ activeOnly: true }));
  const [taskId, setTaskId] = useState('');
  const punch = useMutation(trpc.work.punch.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.work.myState.queryFilter()) }));
  const send = (kind: Kind) => punch.mutate({ clientEventId: crypto.randomUUID(), kind, taskId: kind === 'TASK_START' ? taskId || null : null, occurredAt: new Date() });
  const s = state.data;
  const err = errorText(punch.error);
  return (
    <Card title={t('punch.title')}>
      <p className="tw-muted">{t('punch.hint')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <p data-testid="punch-state">{s?.working && s.workSession ? t('punch.working', { since: formatJst(s.workSession.startedAt, lang) }) : t('punch.off')}</p>
      {s?.currentTask ? <p>{t('punch.currentTask', { task: s.currentTask.name, since: formatJst(s.currentTask.startedAt, lang) })}</p> : null}
      <div className="tw-toolbar">
        {s?.working ? (
          <Button variant="secondary" onClick={() => send('WORK_END')} disabled={punch.isPending}>
            {t('punch.workEnd')}
          </Button>
        ) : (
          <Button onClick={() => send('WORK_START')} disabled={punch.isPending || state.isLoading}>
            {t('punch.workStart')}
          </Button>
        )}
      </div>
      {s?.working ? (
        <div className="tw-toolbar">
          <Field label={t('punch.task')} htmlFor="punch-task">
            <Select id="punch-task" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
              <option value="">{t('punch.noTask')}</option>
              {(tasks.data ?? []).map((task) => (
                <option key={task.id} value={task.id}>
                  {task.code} {task.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => send('TASK_START')} disabled={punch.isPending || !taskId}>
            {t('punch.taskStart')}
          </Button>
          <Button variant="secondary" onClick={() => send('TASK_END')} disabled={punch.isPending || !s.currentTask}>
            {t('punch.taskEnd')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
