'use client';
import { Suspense } from 'react';
import { IncidentList } from '@/components/evidence/incident-list';

export default function IncidentsPage() {
  return (
    <Suspense>
      <IncidentList />
    </Suspense>
  );
}
