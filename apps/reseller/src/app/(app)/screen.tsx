'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, DataTable, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';

export default function HomePage() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const tenants = useQuery(me.kind === 'operator' ? trpc.operator.tenants.list.queryOptions() : trpc.reseller.customers.list.queryOptions());
  const title = me.kind === 'operator' ? t('home.operatorWelcome', { name: me.name }) : t('home.resellerWelcome', { name: me.name, reseller: me.resellerName });
  const rows = tenants.data ?? [];
  return (
    <>
      <h1 data-testid="home-title">{title}</h1>
      <Card title={me.kind === 'operator' ? t('nav.tenants') : t('nav.customers')} actions={<span className="tw-muted">{t('home.customerCount', { count: rows.length })}</span>}>
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          empty={tenants.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'systemId', header: t('auth.systemId'), cell: (r) => r.systemId },
            { key: 'name', header: t('tenant.name'), cell: (r) => r.name },
            { key: 'status', header: t('tenant.status'), cell: (r) => t(`tenant.status.${r.status}`) },
          ]}
        />
      </Card>
    </>
  );
}
