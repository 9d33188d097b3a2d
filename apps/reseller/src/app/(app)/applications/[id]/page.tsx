import { Suspense } from 'react';
import { ApplicationDetail } from '@/components/contracts/application-detail';

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The detail reads ?submitted=1 (search params need a Suspense boundary).
  return (
    <Suspense>
      <ApplicationDetail id={id} />
    </Suspense>
  );
}
