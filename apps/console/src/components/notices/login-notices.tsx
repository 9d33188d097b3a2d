'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { NoticeCard } from './notice-card';

/**
 * The provider's notices posted on the sign-in screen (第4条4項: a posting counts as delivered),
 * for visitors without a session. Nothing is shown while there are none.
 */
export function LoginNotices() {
  const t = useT();
  const trpc = useTRPC();
  const notices = useQuery(trpc.notices.loginScreen.queryOptions());
  const rows = notices.data ?? [];
  if (rows.length === 0) return null;
  return (
    <div data-testid="login-notices" style={{ marginTop: '1rem' }}>
      <Card title={t('ops.notice.loginTitle')}>
        {rows.map((n) => (
          <NoticeCard key={n.id} notice={n} />
        ))}
      </Card>
    </div>
  );
}
