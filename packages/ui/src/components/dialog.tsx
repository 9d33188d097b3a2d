'use client';
import { useEffect, useId, type ReactNode } from 'react';
import { useT } from './i18n-provider';
import { Alert, Button } from './primitives';

/** A modal panel over the page; Escape or the backdrop closes it (unless busy). `maxWidth` for content such as a full-size image; otherwise `wide` picks between the two standard widths. */
export function Dialog({ title, onClose, children, wide = false, maxWidth }: { title: ReactNode; onClose: () => void; children: ReactNode; wide?: boolean; maxWidth?: number }) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div style={backdrop} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="tw-card" style={{ ...panel, maxWidth: maxWidth ?? (wide ? 760 : 520) }}>
        <h2 id={titleId} style={{ marginTop: 0 }}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** Asks before a destructive or consequential action; the API's refusal is shown inside. */
export function ConfirmDialog({
  message, confirmLabel, danger = false, pending, error, onConfirm, onClose,
}: { message: ReactNode; confirmLabel: string; danger?: boolean; pending: boolean; error: string | null; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('people.confirm')} onClose={onClose}>
      <p>{message}</p>
      {error ? <Alert>{error}</Alert> : null}
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} disabled={pending} onClick={onConfirm} data-testid="confirm">
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/** A form's closing row: cancel (type=button) and submit, the submit disabled while the form is busy. */
export function FormActions({
  onCancel, disabled, submitLabel, variant = 'primary', testId,
}: { onCancel: () => void; disabled: boolean; submitLabel: ReactNode; variant?: 'primary' | 'danger'; testId?: string }) {
  const t = useT();
  return (
    <div style={dialogButtons}>
      <Button type="button" variant="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" variant={variant} disabled={disabled} data-testid={testId}>
        {submitLabel}
      </Button>
    </div>
  );
}

/** The row of buttons at the bottom of a dialog or form. */
export const dialogButtons = { display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 16, flexWrap: 'wrap' } as const;
const backdrop = { position: 'fixed', inset: 0, background: 'rgba(15, 23, 42, 0.45)', display: 'flex', alignItems: 'flex-start', justifyContent: 'center', padding: '6vh 16px', overflowY: 'auto', zIndex: 50 } as const;
const panel = { width: '100%', margin: 0, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' } as const;
