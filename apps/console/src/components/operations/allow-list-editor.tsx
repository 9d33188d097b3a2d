'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, TextInput, useOperationsError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/**
 * The organisation's IP allow-list, one address or CIDR block per line. Empty means any address in
 * Japan (the country rule always applies, 第22条6号). Each bad line gets its own message.
 */
export function AllowListEditor({ initial, callerIp }: { initial: string[]; callerIp: string | null }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const [entries, setEntries] = useState<string[]>(initial.length > 0 ? initial : []);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.access.setAllowList.mutationOptions());
  const err = opsError(save.error);

  const edit = (next: string[]) => {
    setEntries(next);
    setSaved(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { cidrs: entries },
      {
        onSuccess: (cidrs) => {
          setEntries(cidrs);
          setSaved(true);
          void queryClient.invalidateQueries({ queryKey: trpc.access.allowList.queryKey() });
        },
      },
    );
  };
  return (
    <Card title={t('ops.access.allowListTitle')}>
      <p className="tw-muted">{t('ops.access.allowListIntro')}</p>
      {callerIp ? (
        <p data-testid="caller-ip">
          {t('ops.access.yourAddress', { ip: callerIp })}{' '}
          {entries.some((x) => x.trim() === callerIp) ? null : (
            <Button variant="link" onClick={() => edit([...entries, callerIp])}>
              {t('ops.access.addYourAddress')}
            </Button>
          )}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="tw-form">
        {err.message ? <Alert>{err.message}</Alert> : null}
        {saved ? <Alert tone="success">{entries.length > 0 ? t('ops.access.saved', { count: entries.length }) : t('ops.access.savedEmpty')}</Alert> : null}
        {entries.length === 0 ? <p className="tw-muted">{t('ops.access.emptyList')}</p> : null}
        {entries.map((entry, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
            <div style={{ flex: 1 }}>
              <Field label={t('ops.access.entry', { n: i + 1 })} htmlFor={`cidr-${i}`} error={err.fields[`cidrs.${i}`] ? t('ops.access.entryInvalid') : undefined} hint={i === 0 ? t('ops.access.entryHint') : undefined}>
                <TextInput id={`cidr-${i}`} value={entry} placeholder="203.0.113.0/24" onChange={(e) => edit(entries.map((x, j) => (j === i ? e.target.value : x)))} />
              </Field>
            </div>
            <div style={{ marginBottom: '0.9rem' }}>
              <Button type="button" variant="secondary" onClick={() => edit(entries.filter((_, j) => j !== i))} aria-label={t('ops.access.removeEntry', { n: i + 1 })}>
                {t('common.delete')}
              </Button>
            </div>
          </div>
        ))}
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Button type="button" variant="secondary" onClick={() => edit([...entries, ''])}>
            {t('ops.access.addEntry')}
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t('ops.sending') : t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
