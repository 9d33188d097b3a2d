import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SESSION_COOKIE } from '@telework/api/http';
import { ConsoleShell } from '@/components/console-shell';

export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  // No session cookie: straight to sign-in, before anything renders. An expired or revoked
  // session still has the cookie; the shell's auth.me catches that one.
  if (!(await cookies()).has(SESSION_COOKIE)) redirect('/sign-in');
  return <ConsoleShell>{children}</ConsoleShell>;
}
