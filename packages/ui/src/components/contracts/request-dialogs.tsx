'use client';
import { useState } from 'react';
import { Dialog, FormActions, dialogButtons } from '../dialog';
import { useT } from '../i18n-provider';
import { Alert, Button, Field, TextInput } from '../primitives';
import type { ErrorText } from '../use-error-text';
import { useContractFormat } from './format';

// The customer's two requests, filed by a reseller for its customer or by a direct customer's
// administrator. Each app wires its own procedures; the dialogs only show and collect.

/** 第11条: more seats, with their monthly price (第11条2項・第14条1項). */
export function SeatRequestDialog({
  seatMonthlyFee, pending, err, submittedSeats, onSubmit, onClose,
}: { seatMonthlyFee: number; pending: boolean; err: ErrorText; submittedSeats: number | null; onSubmit: (v: { seats: string; note: string }) => void; onClose: () => void }) {
  const t = useT();
  const f = useContractFormat();
  const [form, setForm] = useState({ seats: '', note: '' });
  return (
    <Dialog title={t('changes.request')} onClose={onClose}>
      {submittedSeats !== null ? (
        <>
          <Alert tone="success">{t('changes.submitted', { seats: submittedSeats })}</Alert>
          <div style={dialogButtons}>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(form);
          }}
        >
          <p className="tw-muted">{t('changes.monthly', { fee: f.yen(seatMonthlyFee) })}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <Field label={t('changes.seats')} htmlFor="seat-count" error={err.fields.seats}>
            <TextInput id="seat-count" type="number" min={1} inputMode="numeric" value={form.seats} onChange={(e) => setForm({ ...form, seats: e.target.value })} />
          </Field>
          <Field label={t('changes.note')} htmlFor="seat-note" error={err.fields.note}>
            <TextInput id="seat-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
          </Field>
          <FormActions onCancel={onClose} disabled={pending} submitLabel={t('changes.request')} />
        </form>
      )}
    </Dialog>
  );
}

/** What the API's terminationPreview answers for a desired end date (第12条1項). */
export type TerminationPreview =
  | { ok: true; effectiveEnd: string; noticeDays: number; endsBeforeDesired: boolean }
  | { ok: false; reason: 'NOTICE_TOO_SHORT'; noticeDays: number; earliestDesiredEnd: string };

/**
 * 第12条1項: as the desired end date is typed, the preview says what the rule gives (the end of the month
 * after receipt) or refuses it for less than 30 days' notice; only an acceptable request can be sent,
 * after a last confirmation naming the end date.
 */
export function TerminationRequestDialog({
  desired, onDesiredChange, preview, pending, err, submittedEnd, onSubmit, onClose,
}: {
  desired: string;
  onDesiredChange: (value: string) => void;
  preview: TerminationPreview | undefined;
  pending: boolean;
  err: ErrorText;
  submittedEnd: string | null;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const f = useContractFormat();
  const [confirming, setConfirming] = useState(false);
  if (submittedEnd) {
    return (
      <Dialog title={t('termination.request')} onClose={onClose}>
        <Alert tone="success">{t('termination.submitted', { end: f.day(submittedEnd) })}</Alert>
        <div style={dialogButtons}>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('termination.request')} onClose={onClose}>
      <p className="tw-muted">{t('termination.rule')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('termination.desiredEndDate')} htmlFor="termination-desired" error={err.fields.desiredEndDate}>
        <TextInput
          id="termination-desired"
          type="date"
          value={desired}
          onChange={(e) => {
            onDesiredChange(e.target.value);
            setConfirming(false);
          }}
        />
      </Field>
      <div data-testid="termination-preview" aria-live="polite">
        {preview?.ok ? (
          <Alert tone="info">
            {t('termination.previewOk', { end: f.day(preview.effectiveEnd), days: preview.noticeDays })}
            {preview.endsBeforeDesired ? (
              <>
                <br />
                {t('termination.previewEarlier', { end: f.day(preview.effectiveEnd) })}
              </>
            ) : null}
          </Alert>
        ) : null}
        {preview && !preview.ok ? <Alert>{t('termination.previewShort', { days: preview.noticeDays, earliest: f.day(preview.earliestDesiredEnd) })}</Alert> : null}
      </div>
      {confirming && preview?.ok ? <Alert>{t('termination.confirm', { end: f.day(preview.effectiveEnd) })}</Alert> : null}
      <div style={dialogButtons}>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        {confirming ? (
          <Button variant="danger" disabled={pending} onClick={onSubmit} data-testid="confirm">
            {t('termination.request')}
          </Button>
        ) : (
          <Button variant="danger" disabled={!preview?.ok} onClick={() => setConfirming(true)}>
            {t('termination.request')}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
