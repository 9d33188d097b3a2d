import { InviteForm } from '@/components/contracts/invite-form';

// Outside the signed-in area: the invited administrator has no session yet.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InviteForm token={decodeURIComponent(token)} />;
}
