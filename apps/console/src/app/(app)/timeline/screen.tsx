'use client';
import { Suspense } from 'react';
import { TimelineView } from '@/components/evidence/timeline-view';

export default function TimelinePage() {
  return (
    <Suspense>
      <TimelineView />
    </Suspense>
  );
}
