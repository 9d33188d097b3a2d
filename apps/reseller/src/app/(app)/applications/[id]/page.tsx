import { Suspense } from 'react';
import { ApplicationDetail } from '@/components/contracts/application-detail';
import { PageGate } from '@/components/page-gate';

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The detail reads ?submitted=1 (search params need a Suspense boundary).
  return (
    <PageGate page="/applications/[id]">
      <Suspense>
        <ApplicationDetail id={id} />
      </Suspense>
    </PageGate>
  );
}
