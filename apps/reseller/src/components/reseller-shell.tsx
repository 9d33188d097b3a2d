'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { AppShell, useT } from '@telework/ui';
import { portalNav } from '@telework/api/portal-pages';
import type { inferRouterOutputs } from '@trpc/server';
import type { ResellerRouter } from '@telework/api/reseller';
import { useTRPC } from '@/trpc/client';

export type Me = NonNullable<inferRouterOutputs<ResellerRouter>['auth']['me']>;

const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside ResellerShell');
  return me;
}

export function ResellerShell({ initialMe, children }: { initialMe: Me; children: ReactNode }) {
  const t = useT();
  const trpc = useTRPC();
  const pathname = usePathname();
  // Known from the server's render; the query keeps it fresh and notices a session that ends.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), initialData: initialMe });
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => window.location.assign('/sign-in') }));

  useEffect(() => {
    if (me.isSuccess && !me.data) window.location.assign('/sign-in');
  }, [me.isSuccess, me.data]);

  if (!me.data) return null;
  const who = t('auth.who', { name: me.data.name, detail: me.data.kind === 'operator' ? t('auth.kind.operator') : me.data.resellerName });
  return (
    <MeContext.Provider value={me.data}>
      <AppShell appName="app.resellerName" nav={portalNav(me.data.kind)} currentPath={pathname} who={who} onSignOut={() => signOut.mutate()}>
        {children}
      </AppShell>
    </MeContext.Provider>
  );
}
