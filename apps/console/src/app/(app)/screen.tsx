'use client';
import { Card, useT } from '@telework/ui';
import { mayDo } from '@telework/api/console-pages';
import { useMe } from '@/components/console-shell';
import { PunchCard } from '@/components/work/punch-card';
import { HomeNotices } from '@/components/notices/home-notices';

export default function HomePage() {
  const t = useT();
  const me = useMe();
  return (
    <>
      <h1 data-testid="home-title">{t('home.welcome', { name: me.name })}</h1>
      <Card>
        <p>{t('home.tenant', { tenant: me.tenantName, systemId: me.systemId })}</p>
        <p>{t('home.role', { role: t(`role.${me.role}`) })}</p>
      </Card>
      {mayDo(me.role, 'notices.read') ? <HomeNotices /> : null}
      <PunchCard />
    </>
  );
}
