import { CustomerList } from '@/components/contracts/customer-list';
import { PageGate } from '@/components/page-gate';

export default function CustomersPage() {
  return (
    <PageGate page="/customers">
      <CustomerList />
    </PageGate>
  );
}
