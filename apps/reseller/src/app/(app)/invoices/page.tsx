import { InvoiceList } from '@/components/contracts/invoice-list';

export default function InvoicesPage() {
  return <InvoiceList />;
}
