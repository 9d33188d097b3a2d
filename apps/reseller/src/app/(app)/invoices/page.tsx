import { InvoiceList } from '@/components/contracts/invoice-list';
import { PageGate } from '@/components/page-gate';

export default function InvoicesPage() {
  return (
    <PageGate page="/invoices">
      <InvoiceList />
    </PageGate>
  );
}
