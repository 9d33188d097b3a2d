'use client';
import { useT } from '../i18n-provider';
import { Select } from '../primitives';
import type { InquiryStatus } from './inquiry-thread';

export const INQUIRY_STATUSES = ['OPEN', 'ANSWERED', 'CLOSED', 'AUTO_ACCEPTED'] as const satisfies readonly InquiryStatus[];

/** The inquiry lists' status filter, in both apps; '' is every status. */
export function InquiryStatusFilter({ value, onChange }: { value: InquiryStatus | ''; onChange: (status: InquiryStatus | '') => void }) {
  const t = useT();
  return (
    <Select aria-label={t('ops.inquiry.status')} value={value} onChange={(e) => onChange(INQUIRY_STATUSES.find((s) => s === e.target.value) ?? '')} style={{ width: 'auto' }}>
      <option value="">{t('ops.inquiry.allStatuses')}</option>
      {INQUIRY_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`ops.inquiry.status.${s}`)}
        </option>
      ))}
    </Select>
  );
}
