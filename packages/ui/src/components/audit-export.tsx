'use client';
import { useState } from 'react';
import { Alert, Button } from './primitives';
import { useT } from './i18n-provider';

export interface AuditExportFile {
  filename: string;
  contentType: string;
  base64: string;
  truncated: boolean;
  /** The most entries one file holds. */
  cap: number;
}

/** Hands a file the API sent as base64 to the browser as a download. */
function save(file: AuditExportFile) {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The audit screens' CSV buttons (console and operators' portal): the file has the screen's current
 * filters, JST times, labels and the details in words; the server builds it (packages/api/src/audit/export.ts).
 */
export function AuditExportButtons({ fetchFile, errorText }: { fetchFile: (format: 'csv' | 'csv-sjis') => Promise<AuditExportFile>; errorText: (error: unknown) => string | null }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [truncated, setTruncated] = useState<number | null>(null);
  const run = async (format: 'csv' | 'csv-sjis') => {
    setBusy(true);
    setError(null);
    try {
      const file = await fetchFile(format);
      setTruncated(file.truncated ? file.cap : null);
      save(file);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', margin: '8px 0' }}>
      <Button variant="secondary" disabled={busy} onClick={() => void run('csv')} data-testid="audit-export-csv">
        {busy ? t('audit.export.busy') : t('audit.export.csv')}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={() => void run('csv-sjis')} data-testid="audit-export-sjis">
        {t('audit.export.sjis')}
      </Button>
      {truncated !== null ? <span className="tw-muted">{t('audit.export.truncated', { n: truncated.toLocaleString() })}</span> : null}
      {error ? <Alert>{errorText(error) ?? t('audit.export.failed')}</Alert> : null}
    </div>
  );
}
