'use client';
import { Suspense } from 'react';
import { FacesView } from '@/components/evidence/faces-view';

export default function FacesPage() {
  return (
    <Suspense>
      <FacesView />
    </Suspense>
  );
}
