import { ResetPasswordPanel } from '@/components/auth/reset-password-panel';

// Outside the signed-in area: the page a mailed reset link opens.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ResetPasswordPanel token={decodeURIComponent(token)} />;
}
