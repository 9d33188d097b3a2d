'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ConfirmDialog, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { DeregisterDialog } from './deregister-dialog';
import { ProviderTerminationDialog } from './provider-termination-dialog';
import { RenewDialog } from './renew-dialog';
import { SuspendDialog } from './suspend-dialog';
import type { Overview, OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

type Open = 'terminate' | 'suspend' | 'resume' | 'deregister' | 'renew' | null;

/** The operator's measures on a tenant: termination (第12条2項・3項), suspension (第19条), de-registration (第28条2項), renewal (第10条). */
export function ProviderActions({ overview, live }: { overview: Overview; live: OverviewContract | null }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [open, setOpen] = useState<Open>(null);
  const resume = useMutation(trpc.operator.contracts.resume.mutationOptions({ onSuccess: () => void refresh().then(() => setOpen(null)) }));
  const { tenant } = overview;
  const renewed = live ? overview.contracts.some((c) => c.renewalOfId === live.id) : true;
  const ending = !live || live.status === 'TERMINATION_SCHEDULED';
  const close = () => {
    resume.reset();
    setOpen(null);
  };
  return (
    <Card title={t('provider.title')}>
      {!live ? <Alert tone="info">{t('provider.notLive')}</Alert> : null}
      <div className="tw-actions" data-testid="provider-actions">
        {tenant.status === 'ACTIVE' || tenant.status === 'PENDING_START' ? (
          <Button variant="secondary" onClick={() => setOpen('suspend')}>
            {t('provider.suspend')}
          </Button>
        ) : null}
        {tenant.status === 'SUSPENDED' ? (
          <Button variant="secondary" onClick={() => setOpen('resume')}>
            {t('provider.resume')}
          </Button>
        ) : null}
        {live && (live.status === 'ACTIVE' || live.status === 'RENEWAL_OFFERED') && !renewed ? (
          <Button variant="secondary" onClick={() => setOpen('renew')}>
            {t('provider.renew')}
          </Button>
        ) : null}
        {live && !ending ? (
          <Button variant="danger" onClick={() => setOpen('terminate')}>
            {t('provider.terminate')}
          </Button>
        ) : null}
        {live && tenant.status !== 'DEREGISTERED' ? (
          <Button variant="danger" onClick={() => setOpen('deregister')}>
            {t('provider.deregister')}
          </Button>
        ) : null}
      </div>
      {open === 'terminate' && live ? <ProviderTerminationDialog tenantId={tenant.id} company={tenant.name} contract={live} onClose={close} /> : null}
      {open === 'suspend' ? <SuspendDialog tenant={tenant} onClose={close} /> : null}
      {open === 'resume' ? (
        <ConfirmDialog
          message={t('provider.resumeConfirm', { company: tenant.name })}
          confirmLabel={t('provider.resume')}
          pending={resume.isPending}
          error={contractError(resume.error).message}
          onConfirm={() => resume.mutate({ tenantId: tenant.id })}
          onClose={close}
        />
      ) : null}
      {open === 'deregister' && live ? <DeregisterDialog tenant={tenant} contract={live} onClose={close} /> : null}
      {open === 'renew' && live ? <RenewDialog tenantId={tenant.id} contract={live} onClose={close} /> : null}
    </Card>
  );
}
