'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Card, Field, Select, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

const MODES = ['IMMEDIATE', 'DAILY_DIGEST', 'OFF'] as const;
const pick = (v: string) => MODES.find((m) => m === v);

/**
 * The caller's own incident alert choice (managers and administrators), and for administrators the
 * tenant's rule whether administrators hear of every incident. Saved on change; the API audits both.
 */
export function IncidentAlertSettings() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const settings = useQuery(trpc.incidentAlerts.settings.queryOptions());
  const [saved, setSaved] = useState(false);
  const done = () => {
    setSaved(true);
    return queryClient.invalidateQueries({ queryKey: trpc.incidentAlerts.settings.queryKey() });
  };
  const setMode = useMutation(trpc.incidentAlerts.setMode.mutationOptions({ onSuccess: done }));
  const setAdmins = useMutation(trpc.incidentAlerts.setAdminsAlways.mutationOptions({ onSuccess: done }));
  const s = settings.data;
  const error = settings.error ?? setMode.error ?? setAdmins.error;
  if (!s) return error ? <Alert>{errorText(error).message}</Alert> : null;
  return (
    <Card title={t('incidents.alerts.title')}>
      <p>{t('incidents.alerts.hint')}</p>
      {s.hasEmail ? null : <Alert tone="info">{t('incidents.alerts.noEmail')}</Alert>}
      <div className="tw-toolbar">
        <Field label={t('incidents.alerts.mode')} htmlFor="alert-mode">
          <Select
            id="alert-mode"
            data-testid="incident-alert-mode"
            value={s.mode}
            disabled={setMode.isPending}
            onChange={(e) => {
              const mode = pick(e.target.value);
              setSaved(false);
              if (mode) setMode.mutate({ mode });
            }}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`incidents.alerts.mode.${m}`)}
              </option>
            ))}
          </Select>
        </Field>
        {s.mayChangeAdmins ? (
          <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input
              type="checkbox"
              data-testid="incident-alert-admins"
              checked={s.adminsAlways}
              disabled={setAdmins.isPending}
              onChange={(e) => {
                setSaved(false);
                setAdmins.mutate({ enabled: e.target.checked });
              }}
            />
            {t('incidents.alerts.admins')}
          </label>
        ) : null}
      </div>
      {error ? <Alert>{errorText(error).message}</Alert> : null}
      {saved ? <Alert tone="success">{t('incidents.alerts.saved')}</Alert> : null}
    </Card>
  );
}
