'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, Select, useErrorText, useT } from '@telework/ui';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';

type Modes = inferRouterOutputs<ConsoleRouter>['tenant']['captureModes'];
type Mode = Modes['captureMode'];
const MODES: Mode[] = ['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY'];

/**
 * The privacy mode (issue 20): each option with its effect on evidence and on the worker, saved on its
 * own (it changes what workers consent to), then per-group overrides.
 */
export function CaptureModeForm() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const modes = useQuery(trpc.tenant.captureModes.queryOptions());
  const setMode = useMutation(trpc.tenant.setCaptureMode.mutationOptions());
  const setGroupMode = useMutation(trpc.tenant.setGroupCaptureMode.mutationOptions());
  const [choice, setChoice] = useState<Mode | null>(null);
  const [groupChoice, setGroupChoice] = useState<Record<string, Mode | null>>({});
  const [saved, setSaved] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.tenant.captureModes.queryKey() });
  const err = errorText(setMode.error ?? setGroupMode.error);

  if (!modes.data) return modes.error ? <Alert>{errorText(modes.error).message}</Alert> : null;
  const current = choice ?? modes.data.captureMode;

  return (
    <Card title={t('settings.captureMode')}>
      <div data-testid="capture-mode-form">
        <p className="tw-muted">{t('settings.captureMode.intro')}</p>
        {err.message ? <Alert>{err.message}</Alert> : null}
        {saved ? <Alert tone="success">{t('settings.saved')}</Alert> : null}
        <fieldset aria-label={t('settings.captureMode')} style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 12 }}>
          {MODES.map((m) => (
            <label key={m} style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', alignItems: 'start' }}>
              <input type="radio" name="capture-mode" value={m} checked={current === m} data-testid={`capture-mode-${m}`} onChange={() => (setChoice(m), setSaved(false))} />
              <strong>{t(`settings.captureMode.${m}`)}</strong>
              <span />
              <span className="tw-muted" data-testid={`capture-mode-effect-${m}`}>{t(`settings.captureMode.${m}.effect`)}</span>
            </label>
          ))}
        </fieldset>
        <div style={{ marginTop: 12 }}>
          <Button
            type="button"
            data-testid="capture-mode-save"
            disabled={setMode.isPending}
            onClick={() => setMode.mutate({ captureMode: current }, { onSuccess: () => (setSaved(true), setChoice(null), refresh()) })}
          >
            {t('settings.captureMode.save')}
          </Button>
        </div>
        {modes.data.groups.length > 0 ? (
          <>
            <h3>{t('settings.captureMode.groups')}</h3>
            <p className="tw-muted">{t('settings.captureMode.groups.hint')}</p>
            {modes.data.groups.map((g) => {
              const value = g.id in groupChoice ? groupChoice[g.id] : g.captureMode;
              return (
                <div key={g.id} style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8 }}>
                  <label htmlFor={`g-mode-${g.id}`} style={{ minWidth: 160 }}>{g.name}</label>
                  <Select
                    id={`g-mode-${g.id}`}
                    value={value ?? ''}
                    onChange={(e) => setGroupChoice({ ...groupChoice, [g.id]: MODES.find((m) => m === e.target.value) ?? null })}
                  >
                    <option value="">{t('settings.captureMode.inherit')}</option>
                    {MODES.map((m) => (
                      <option key={m} value={m}>
                        {t(`settings.captureMode.${m}`)}
                      </option>
                    ))}
                  </Select>
                  <Button
                    type="button"
                    aria-label={t('settings.captureMode.group.save', { name: g.name })}
                    disabled={setGroupMode.isPending}
                    onClick={() => setGroupMode.mutate({ groupId: g.id, captureMode: value ?? null }, { onSuccess: () => (setSaved(true), refresh()) })}
                  >
                    {t('common.save')}
                  </Button>
                </div>
              );
            })}
          </>
        ) : null}
      </div>
    </Card>
  );
}
