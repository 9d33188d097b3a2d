import { CustomerList } from '@/components/contracts/customer-list';

export default function CustomersPage() {
  return <CustomerList />;
}
