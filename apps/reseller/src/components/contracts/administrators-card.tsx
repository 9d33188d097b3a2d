'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Badge, Button, Card, ConfirmDialog, DataTable, useContractError, useContractFormat, useT, type Tone } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { AdministratorRow } from './types';

const ACCESS_TONE: Record<AdministratorRow['access'], Tone> = { ACTIVE: 'ok', INVITED: 'info', EXPIRED: 'warn', NOT_INVITED: 'warn', DISABLED: 'muted' };

/** 第4条1項: the registered administrators and whether they can sign in; operators re-send unused invitations. */
export function AdministratorsCard({ tenantId }: { tenantId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const contractError = useContractError();
  const admins = useQuery(trpc.operator.contracts.administrators.queryOptions({ tenantId }));
  const [target, setTarget] = useState<AdministratorRow | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const resend = useMutation(
    trpc.operator.contracts.resendInvitation.mutationOptions({
      onSuccess: (r) => {
        setSentTo(r.email);
        setTarget(null);
        void admins.refetch();
      },
    }),
  );
  return (
    <Card title={t('admins.title')}>
      {sentTo ? <Alert tone="success">{t('admins.resent', { email: sentTo })}</Alert> : null}
      {admins.error ? <Alert>{contractError(admins.error).message}</Alert> : null}
      <DataTable
        rows={admins.data ?? []}
        rowKey={(a) => a.id}
        empty={admins.isLoading ? t('common.loading') : t('admins.empty')}
        columns={[
          { key: 'loginId', header: t('admins.loginId'), cell: (a) => <code>{a.loginId}</code> },
          { key: 'name', header: t('apps.adminName'), cell: (a) => a.name },
          { key: 'department', header: t('apps.adminDepartment'), cell: (a) => a.department ?? t('people.none') },
          { key: 'email', header: t('apps.adminEmail'), cell: (a) => a.email ?? t('people.none') },
          {
            key: 'access',
            header: t('admins.access'),
            cell: (a) => (
              <span className="tw-actions" data-testid={`admin-access-${a.loginId}`}>
                <Badge tone={ACCESS_TONE[a.access]}>{t(`admins.access.${a.access}`)}</Badge>
                {a.access === 'INVITED' && a.lastInvitation ? <span className="tw-muted">{t('admins.invitedUntil', { date: f.time(a.lastInvitation.expiresAt) })}</span> : null}
              </span>
            ),
          },
          {
            key: 'actions',
            header: t('people.actions'),
            cell: (a) =>
              a.access === 'INVITED' || a.access === 'EXPIRED' || a.access === 'NOT_INVITED' ? (
                <Button variant="link" onClick={() => setTarget(a)}>
                  {t('admins.resend')}
                </Button>
              ) : null,
          },
        ]}
      />
      {target ? (
        <ConfirmDialog
          message={t('admins.resendConfirm', { name: target.name, email: target.email ?? '' })}
          confirmLabel={t('admins.resend')}
          pending={resend.isPending}
          error={contractError(resend.error).message}
          onConfirm={() => resend.mutate({ tenantId, userId: target.id })}
          onClose={() => {
            resend.reset();
            setTarget(null);
          }}
        />
      ) : null}
    </Card>
  );
}
