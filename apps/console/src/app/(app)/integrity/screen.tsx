'use client';
import { IntegrityView } from '@/components/evidence/integrity-view';

export default function IntegrityPage() {
  return <IntegrityView />;
}
