'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

export const VERDICTS = ['CONFIRMED_UNAUTHORIZED', 'FALSE_ALARM', 'NEEDS_FOLLOW_UP'] as const;
type Verdict = (typeof VERDICTS)[number];
const COMMENT_MAX = 2000;

/** Records a judgement (is it really unauthorised access?) with a comment; the API audit-logs it. */
export function JudgementForm({ incidentId }: { incidentId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const judge = useMutation(
    trpc.evidence.judge.mutationOptions({
      onSuccess: async () => {
        setVerdict('');
        setComment('');
        await queryClient.invalidateQueries({ queryKey: trpc.evidence.pathKey() });
      },
    }),
  );
  const err = errorText(judge.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!verdict) {
      setMissing(true);
      return;
    }
    judge.mutate({ incidentId, verdict, comment: comment.trim() || undefined });
  };

  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      {judge.isSuccess ? <Alert tone="success">{t('incident.judged')}</Alert> : null}
      <fieldset style={{ border: 'none', padding: 0, margin: '0 0 0.9rem' }} aria-describedby={missing && !verdict ? 'verdict-error' : undefined}>
        <legend style={{ fontWeight: 600, fontSize: '0.9rem', marginBottom: 4 }}>{t('incident.verdict')}</legend>
        {VERDICTS.map((v) => (
          <label key={v} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '2px 0' }}>
            <input
              type="radio"
              name="verdict"
              value={v}
              checked={verdict === v}
              onChange={() => {
                setVerdict(v);
                setMissing(false);
              }}
            />
            {t(`incident.verdict.${v}`)}
          </label>
        ))}
        {missing && !verdict ? (
          <p className="tw-field-error" role="alert" id="verdict-error">
            {t('incident.chooseVerdict')}
          </p>
        ) : null}
        <p className="tw-field-hint">{t('incident.followUpNote')}</p>
      </fieldset>
      <Field label={t('incident.comment')} htmlFor="judge-comment" hint={t('incident.commentHint')} error={err.fields.comment}>
        <textarea id="judge-comment" className="tw-input" rows={3} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <Button type="submit" disabled={judge.isPending}>
        {judge.isPending ? t('incident.saving') : t('incident.submit')}
      </Button>
    </form>
  );
}
