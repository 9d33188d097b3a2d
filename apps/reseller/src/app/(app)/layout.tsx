import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SESSION_COOKIE } from '@telework/api/http';
import { ResellerShell } from '@/components/reseller-shell';
import { currentMember } from '@/components/page-gate';

export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  // No session cookie, or one that is expired or revoked: straight to sign-in, before anything renders.
  if (!(await cookies()).has(SESSION_COOKIE)) redirect('/sign-in');
  const me = await currentMember();
  if (!me) redirect('/sign-in');
  // The shell starts with the member known, so the frame and menu arrive with the page's HTML.
  return <ResellerShell initialMe={me}>{children}</ResellerShell>;
}
