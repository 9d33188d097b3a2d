import { CustomerContract } from '@/components/contracts/customer-contract';

export default async function CustomerPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  return <CustomerContract tenantId={tenantId} />;
}
