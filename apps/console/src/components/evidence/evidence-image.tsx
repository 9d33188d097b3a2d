'use client';
import { useState } from 'react';
import { Button, Dialog, useT } from '@telework/ui';

/**
 * One evidence or face image from the authorised image route (`/api/images/…`, never cached).
 * A click opens it at full size; an image the route refuses or no longer has says so instead.
 */
export function EvidenceImage({ src, label, alt, testId, thumbWidth, lazy = false }: { src: string; label: string; alt: string; testId?: string; thumbWidth?: number; lazy?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <div className="tw-muted" style={{ ...frame, width: thumbWidth, padding: 24, textAlign: 'center' }} data-testid={testId ? `${testId}-failed` : undefined}>
        {t('evidence.imageFailed')}
      </div>
    );
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={t('evidence.enlarge', { what: label })} style={{ ...frame, width: thumbWidth, padding: 0, cursor: 'zoom-in', display: 'block' }}>
        {/* A plain img: the route answers per request with the viewer's session and no-store; Next's image optimiser would cache it. */}
        <img src={src} alt={alt} data-testid={testId} loading={lazy ? 'lazy' : 'eager'} onError={() => setFailed(true)} style={{ display: 'block', width: '100%', height: 'auto' }} />
      </button>
      {open ? (
        <Dialog title={label} onClose={() => setOpen(false)} maxWidth={1320}>
          <img src={src} alt={alt} style={{ display: 'block', maxWidth: '100%', height: 'auto', margin: '0 auto' }} data-testid={testId ? `${testId}-large` : undefined} />
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 12 }}>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('common.close')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

const frame = { border: '1px solid var(--tw-border)', borderRadius: 6, background: '#f0f2f5', overflow: 'hidden' } as const;
