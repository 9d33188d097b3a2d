'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { AppShell, useT, type NavItem } from '@telework/ui';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';

export type Me = NonNullable<inferRouterOutputs<ConsoleRouter>['auth']['me']>;

const MeContext = createContext<Me | null>(null);

/** The signed-in member; only used below ConsoleShell, which renders nothing until it is known. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside ConsoleShell');
  return me;
}

// Only pages that exist are listed; each screen adds itself here when it lands.
function navFor(role: Me['role']): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'nav.home' }];
  if (role !== 'WORKER') items.push({ href: '/board', label: 'nav.board' }, { href: '/incidents', label: 'nav.incidents' }, { href: '/analytics', label: 'nav.analytics' });
  items.push({ href: '/timeline', label: 'nav.timeline' }, { href: '/corrections', label: 'nav.corrections' });
  if (role !== 'WORKER') items.push({ href: '/users', label: 'nav.users' }, { href: '/schedules', label: 'nav.schedules' });
  if (role === 'ADMIN') {
    items.push({ href: '/groups', label: 'nav.groups' }, { href: '/tasks', label: 'nav.tasks' }, { href: '/reports', label: 'nav.reports' }, { href: '/devices', label: 'nav.devices' });
  }
  if (role === 'ADMIN') items.push({ href: '/mail', label: 'nav.mail' });
  if (role === 'ADMIN') items.push({ href: '/contract', label: 'nav.contract' }, { href: '/settings', label: 'nav.settings' });
  if (role === 'ADMIN') items.push({ href: '/faces', label: 'nav.faces' }, { href: '/integrity', label: 'nav.integrity' }, { href: '/audit', label: 'nav.audit' });
  if (role === 'ADMIN') items.push({ href: '/inquiries', label: 'nav.inquiries' }, { href: '/privacy', label: 'nav.privacy' }, { href: '/access', label: 'nav.access' });
  items.push({ href: '/profile', label: 'nav.profile' });
  return items;
}

export function ConsoleShell({ children }: { children: ReactNode }) {
  const t = useT();
  const trpc = useTRPC();
  const pathname = usePathname();
  const me = useQuery(trpc.auth.me.queryOptions());
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => window.location.assign('/sign-in') }));
  // The header's language switch is also saved as the profile's language, applied at each sign-in.
  const saveLanguage = useMutation(trpc.profile.update.mutationOptions());

  useEffect(() => {
    if (me.isSuccess && !me.data) window.location.assign('/sign-in');
    // An issued password opens only the change screen (the API refuses the rest with PASSWORD_CHANGE_REQUIRED).
    if (me.data?.mustChangePassword) window.location.assign('/change-password');
  }, [me.isSuccess, me.data]);

  if (!me.data || me.data.mustChangePassword) return <p className="tw-main">{t('common.loading')}</p>;
  const { name } = me.data;
  return (
    <MeContext.Provider value={me.data}>
      <AppShell
        appName="app.consoleName"
        nav={navFor(me.data.role)}
        currentPath={pathname}
        who={t('auth.who', { name, detail: t(`role.${me.data.role}`) })}
        onSignOut={() => signOut.mutate()}
        onLanguageChange={(language) => saveLanguage.mutateAsync({ name, language })}
      >
        {children}
      </AppShell>
    </MeContext.Provider>
  );
}
