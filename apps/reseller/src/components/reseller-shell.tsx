'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { AppShell, useT, type NavItem } from '@telework/ui';
import type { inferRouterOutputs } from '@trpc/server';
import type { ResellerRouter } from '@telework/api/reseller';
import { useTRPC } from '@/trpc/client';
import { contractsNav } from './contracts/nav';

export type Me = NonNullable<inferRouterOutputs<ResellerRouter>['auth']['me']>;

const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside ResellerShell');
  return me;
}

// Only pages that exist are listed; each screen adds itself here when it lands.
function navFor(kind: Me['kind']): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'nav.home' }, ...contractsNav(kind)];
  if (kind === 'operator') {
    items.push({ href: '/notices', label: 'nav.notices' }, { href: '/inquiries', label: 'nav.inquiries' }, { href: '/privacy', label: 'nav.privacy' }, { href: '/audit', label: 'nav.providerAudit' });
  }
  return items;
}

export function ResellerShell({ children }: { children: ReactNode }) {
  const t = useT();
  const trpc = useTRPC();
  const pathname = usePathname();
  const me = useQuery(trpc.auth.me.queryOptions());
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => window.location.assign('/sign-in') }));

  useEffect(() => {
    if (me.isSuccess && !me.data) window.location.assign('/sign-in');
  }, [me.isSuccess, me.data]);

  if (!me.data) return <p className="tw-main">{t('common.loading')}</p>;
  const who = t('auth.who', { name: me.data.name, detail: me.data.kind === 'operator' ? t('auth.kind.operator') : me.data.resellerName });
  return (
    <MeContext.Provider value={me.data}>
      <AppShell appName="app.resellerName" nav={navFor(me.data.kind)} currentPath={pathname} who={who} onSignOut={() => signOut.mutate()}>
        {children}
      </AppShell>
    </MeContext.Provider>
  );
}
