'use client';
import { ReenrolView } from '@/components/evidence/reenrol-view';

export default function ReenrolPage() {
  return <ReenrolView />;
}
