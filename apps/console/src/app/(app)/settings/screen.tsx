'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, useErrorText, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { CaptureModeForm } from '@/components/settings/capture-mode-form';
import { SettingsForm } from '@/components/settings/settings-form';

export default function SettingsPage() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const settings = useQuery(trpc.tenant.settings.queryOptions());
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <p className="tw-muted">{t('settings.intro')}</p>
      <CaptureModeForm />
      {settings.error ? <Alert>{errorText(settings.error).message}</Alert> : null}
      {settings.data ? <SettingsForm initial={settings.data} /> : settings.isLoading ? <p className="tw-muted">{t('common.loading')}</p> : null}
    </>
  );
}
