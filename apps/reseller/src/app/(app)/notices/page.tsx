'use client';
import { OperatorOnly } from '@/components/operations/operator-only';
import { NoticesScreen } from '@/components/operations/notices-screen';

export default function NoticesPage() {
  return (
    <OperatorOnly>
      <NoticesScreen />
    </OperatorOnly>
  );
}
