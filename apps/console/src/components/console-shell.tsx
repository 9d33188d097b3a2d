'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { AppShell, useT } from '@telework/ui';
import { consoleNav } from '@telework/api/console-pages';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';

export type Me = NonNullable<inferRouterOutputs<ConsoleRouter>['auth']['me']>;

const MeContext = createContext<Me | null>(null);

/** The signed-in member; only used below ConsoleShell, which the server renders with it known. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside ConsoleShell');
  return me;
}

export function ConsoleShell({ initialMe, children }: { initialMe: Me; children: ReactNode }) {
  const t = useT();
  const trpc = useTRPC();
  const pathname = usePathname();
  // Known from the server's render; the query keeps it fresh and notices a session that ends.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), initialData: initialMe });
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => window.location.assign('/sign-in') }));
  // The header's language switch is also saved as the profile's language, applied at each sign-in.
  const saveLanguage = useMutation(trpc.profile.update.mutationOptions());

  useEffect(() => {
    if (me.isSuccess && !me.data) window.location.assign('/sign-in');
    // An issued password opens only the change screen (the API refuses the rest with PASSWORD_CHANGE_REQUIRED).
    if (me.data?.mustChangePassword) window.location.assign('/change-password');
  }, [me.isSuccess, me.data]);

  if (!me.data || me.data.mustChangePassword) return null;
  const { name } = me.data;
  return (
    <MeContext.Provider value={me.data}>
      <AppShell
        appName="app.consoleName"
        nav={consoleNav(me.data.role)}
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
