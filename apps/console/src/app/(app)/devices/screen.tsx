'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, DataTable, Select, useLanguage, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { ConfirmDialog } from '@/components/people/dialog';
import { usePeopleError } from '@/components/people/use-people-error';
import type { DeviceRow } from '@/components/people/types';

// Agents registered before the OS naming (os-name.ts) sent Node's platform code; it is shown as a word too.
const PLATFORM_CODES = ['win32', 'darwin', 'linux'] as const;
const platformCode = (p: string) => PLATFORM_CODES.find((c) => c === p);
// The face threshold levels (1 lenient … 5 strict), as on the organisation settings screen.
const LEVELS = [1, 2, 3, 4, 5] as const;

export default function DevicesPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const devices = useQuery(trpc.devices.list.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const [showRevoked, setShowRevoked] = useState(false);
  const [userId, setUserId] = useState('');
  const [revoking, setRevoking] = useState<DeviceRow | null>(null);
  const revoke = useMutation(trpc.devices.revoke.mutationOptions());
  const tenantSettings = useQuery(trpc.tenant.settings.queryOptions());
  const tenantLevel = tenantSettings.data?.thresholdLevel;
  const setThreshold = useMutation(
    trpc.devices.setThreshold.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() }) }),
  );
  const names = new Map((users.data ?? []).map((u) => [u.id, `${u.name}（${u.loginId}）`]));
  const rows = (devices.data ?? []).filter((d) => (showRevoked || !d.revokedAt) && (!userId || d.userId === userId));
  const owners = (users.data ?? []).filter((u) => (devices.data ?? []).some((d) => d.userId === u.id));
  const close = () => {
    revoke.reset();
    setRevoking(null);
  };

  const columns: DataColumn<DeviceRow>[] = [
    { key: 'user', header: t('devices.user'), cell: (d) => names.get(d.userId) ?? '…' },
    { key: 'name', header: t('devices.name'), cell: (d) => d.name },
    {
      key: 'platform',
      header: t('devices.platform'),
      cell: (d) => {
        const code = d.platform ? platformCode(d.platform) : undefined;
        return code ? t(`devices.os.${code}`) : (d.platform ?? t('people.none'));
      },
    },
    { key: 'version', header: t('devices.version'), cell: (d) => d.agentVersion ?? t('people.none') },
    {
      key: 'threshold',
      header: t('devices.threshold'),
      cell: (d) =>
        d.revokedAt ? (
          d.thresholdLevel === null ? t('devices.threshold.tenant', { level: String(tenantLevel ?? '…') }) : t('devices.threshold.own', { level: String(d.thresholdLevel) })
        ) : (
          <Select
            aria-label={t('devices.threshold.label', { name: d.name })}
            data-testid={`device-threshold-${d.id}`}
            value={d.thresholdLevel === null ? '' : String(d.thresholdLevel)}
            disabled={setThreshold.isPending}
            style={{ width: 'auto' }}
            onChange={(e) => setThreshold.mutate({ deviceId: d.id, level: LEVELS.find((l) => String(l) === e.target.value) ?? null })}
          >
            <option value="">{t('devices.threshold.tenant', { level: String(tenantLevel ?? '…') })}</option>
            {LEVELS.map((l) => (
              <option key={l} value={String(l)}>
                {t('devices.threshold.own', { level: String(l) })}
              </option>
            ))}
          </Select>
        ),
    },
    { key: 'lastSeen', header: t('devices.lastSeen'), cell: (d) => (d.lastSeenAt ? formatJst(d.lastSeenAt, lang) : t('devices.never')) },
    { key: 'registered', header: t('devices.registered'), cell: (d) => formatJst(d.createdAt, lang) },
    {
      key: 'state',
      header: t('devices.state'),
      cell: (d) => (
        <span className={`tw-badge ${d.revokedAt ? 'tw-state-OFF' : 'tw-state-PRESENT'}`}>{d.revokedAt ? t('devices.revoked', { date: formatJst(d.revokedAt, lang) }) : t('devices.inUse')}</span>
      ),
    },
    {
      key: 'actions',
      header: t('people.actions'),
      cell: (d) =>
        d.revokedAt ? null : (
          <Button variant="link" onClick={() => setRevoking(d)}>
            {t('devices.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <h1>{t('devices.title')}</h1>
      <Card
        actions={
          <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
            <Select aria-label={t('devices.user')} value={userId} onChange={(e) => setUserId(e.target.value)} style={{ width: 'auto' }}>
              <option value="">{t('devices.allUsers')}</option>
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}（{u.loginId}）
                </option>
              ))}
            </Select>
            <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
              {t('devices.showRevoked')}
            </label>
          </div>
        }
      >
        {peopleError(devices.error).message ? <Alert>{peopleError(devices.error).message}</Alert> : null}
        <p>{t('devices.threshold.hint')}</p>
        {peopleError(setThreshold.error).message ? <Alert>{peopleError(setThreshold.error).message}</Alert> : null}
        {setThreshold.isSuccess ? <Alert tone="success">{t('devices.threshold.saved')}</Alert> : null}
        <DataTable columns={columns} rows={rows} rowKey={(d) => d.id} empty={devices.isLoading ? t('common.loading') : t('common.none')} />
      </Card>
      {revoking ? (
        <ConfirmDialog
          message={t('devices.revokeConfirm', { user: names.get(revoking.userId) ?? '', name: revoking.name })}
          confirmLabel={t('devices.revoke')}
          danger
          pending={revoke.isPending}
          error={peopleError(revoke.error).message}
          onClose={close}
          onConfirm={() => revoke.mutate({ deviceId: revoking.id }, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() }).then(close) })}
        />
      ) : null}
    </>
  );
}
