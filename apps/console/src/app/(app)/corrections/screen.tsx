'use client';
import { CorrectionsView } from '@/components/work/corrections-view';

export default function CorrectionsPage() {
  return <CorrectionsView />;
}
