'use client';
import { OperatorOnly } from '@/components/operations/operator-only';
import { PrivacyScreen } from '@/components/operations/privacy-screen';

export default function PrivacyPage() {
  return (
    <OperatorOnly>
      <PrivacyScreen />
    </OperatorOnly>
  );
}
