'use client';
import { useState } from 'react';
import { Alert, Button, useT } from '@telework/ui';
import { Dialog, buttons } from './dialog';

/**
 * An issued password, shown this one time only: the API stores just its hash, so closing the
 * dialog forgets it for good.
 */
export function SecretDialog({ title, label, who, secret, onClose }: { title: string; label: string; who: string; secret: string; onClose: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{who}</p>
      <p style={{ marginBottom: 4 }} className="tw-muted">
        {label}
      </p>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <code data-testid="issued-password" style={{ fontSize: '1.4rem', padding: '6px 12px', background: '#f1f5f9', borderRadius: 6, letterSpacing: 1, userSelect: 'all' }}>
          {secret}
        </code>
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? t('users.copied') : t('users.copy')}
        </Button>
      </div>
      <Alert tone="info">{t('users.passwordOnce')}</Alert>
      <div style={buttons}>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </div>
    </Dialog>
  );
}
