import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { resellerMe } from '@telework/api/http';
import { mayOpenPortal, type PortalPagePath } from '@telework/api/portal-pages';
import { RoleDenied } from './role-denied';

/** The signed-in operator or reseller staff member of this request, looked up once per request. */
export const currentMember = cache(async () => resellerMe(new Headers(await headers())));

/**
 * Renders a page only for the kinds of member the page table opens it to; reseller staff reaching an
 * operator page get the role page from the server. Every page.tsx of the portal wraps itself in it.
 */
export async function PageGate({ page, children }: { page: PortalPagePath; children: ReactNode }) {
  const me = await currentMember();
  if (!me) redirect('/sign-in');
  if (!mayOpenPortal(me.kind, page)) return <RoleDenied />;
  return children;
}
