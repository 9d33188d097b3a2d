'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Card, DataTable, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

export default function MailPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const outbox = useQuery(trpc.mail.outbox.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  const err = errorText(outbox.error);
  const smtp = (outbox.error as { data?: { reason?: string } } | null)?.data?.reason === 'SMTP_CONFIGURED';
  const selected = outbox.data?.find((m) => m.id === open);
  return (
    <>
      <h1>{t('mail.title')}</h1>
      {smtp ? <Alert tone="info">{t('mail.smtp')}</Alert> : err.message ? <Alert>{err.message}</Alert> : <p className="tw-muted">{t('mail.intro')}</p>}
      <Card>
        <DataTable
          rows={outbox.data ?? []}
          rowKey={(m) => m.id}
          empty={outbox.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'date', header: t('mail.date'), cell: (m) => (m.date ? formatJst(m.date, lang) : '—') },
            { key: 'to', header: t('mail.to'), cell: (m) => m.to.join(', ') },
            {
              key: 'subject',
              header: t('mail.subject'),
              cell: (m) => (
                <button type="button" className="tw-button tw-button-link" onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {m.subject}
                </button>
              ),
            },
            { key: 'attachments', header: t('mail.attachments'), cell: (m) => m.attachments.map((a) => a.filename).join(', ') },
          ]}
        />
      </Card>
      {selected ? (
        <Card title={selected.subject}>
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{selected.text}</pre>
        </Card>
      ) : null}
    </>
  );
}
