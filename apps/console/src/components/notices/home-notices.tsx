'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';
import { NoticeCard } from './notice-card';

/** Home of administrators and managers: the provider's notices for this organisation, newest first, past ones on request. */
export function HomeNotices() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [includePast, setIncludePast] = useState(false);
  const notices = useQuery(trpc.notices.forMe.queryOptions({ includePast }));
  const rows = notices.data ?? [];
  const err = errorText(notices.error).message;
  return (
    <div data-testid="home-notices">
      <Card
        title={t('ops.notice.homeTitle')}
        actions={
          <Button variant="link" onClick={() => setIncludePast(!includePast)} aria-pressed={includePast}>
            {includePast ? t('ops.notice.hidePast') : t('ops.notice.showPast')}
          </Button>
        }
      >
        {err ? <Alert>{err}</Alert> : null}
        {notices.isLoading ? <p className="tw-muted">{t('common.loading')}</p> : null}
        {!notices.isLoading && !err && rows.length === 0 ? <p className="tw-muted">{includePast ? t('ops.notice.noneAtAll') : t('ops.notice.noneCurrent')}</p> : null}
        {rows.map((n) => (
          <NoticeCard key={n.id} notice={n} past={!n.current} />
        ))}
      </Card>
    </div>
  );
}
