'use client';
import { OperatorOnly } from '@/components/operations/operator-only';
import { AuditScreen } from '@/components/operations/audit-screen';

export default function AuditPage() {
  return (
    <OperatorOnly>
      <AuditScreen />
    </OperatorOnly>
  );
}
