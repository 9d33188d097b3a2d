'use client';
import { OperatorOnly } from '@/components/operations/operator-only';
import { InquiriesScreen } from '@/components/operations/inquiries-screen';

export default function InquiriesPage() {
  return (
    <OperatorOnly>
      <InquiriesScreen />
    </OperatorOnly>
  );
}
