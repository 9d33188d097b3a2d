import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { consoleMe } from '@telework/api/http';
import { mayOpen, type ConsolePagePath } from '@telework/api/console-pages';
import { RoleDenied } from './role-denied';

/** The signed-in member of this request, looked up once however many server components ask. */
export const currentMember = cache(async () => consoleMe(new Headers(await headers())));

/**
 * Renders a page only for the roles the page table opens it to; anyone else gets the role page from
 * the server, and the page's own queries never start. Every page.tsx of the console wraps itself in it.
 */
export async function PageGate({ page, children }: { page: ConsolePagePath; children: ReactNode }) {
  const me = await currentMember();
  if (!me) redirect('/sign-in');
  if (!mayOpen(me.role, page)) return <RoleDenied role={me.role} />;
  return children;
}
