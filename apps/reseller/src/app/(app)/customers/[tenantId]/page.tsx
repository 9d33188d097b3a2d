import { CustomerContract } from '@/components/contracts/customer-contract';
import { PageGate } from '@/components/page-gate';

export default async function CustomerPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  return (
    <PageGate page="/customers/[tenantId]">
      <CustomerContract tenantId={tenantId} />
    </PageGate>
  );
}
