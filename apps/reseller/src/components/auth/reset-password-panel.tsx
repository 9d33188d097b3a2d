'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ResetPasswordForm } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/** Sets the new password from a mailed link (auth.passwordReset.confirm); the link works once. */
export function ResetPasswordPanel({ token }: { token: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const confirm = useMutation(trpc.auth.passwordReset.confirm.mutationOptions());
  return (
    <ResetPasswordForm
      onSubmit={(password) => confirm.mutate({ token, password })}
      pending={confirm.isPending}
      disabled={me.isLoading}
      done={confirm.isSuccess}
      error={confirm.error}
    />
  );
}
