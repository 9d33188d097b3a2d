import { ContractPage } from '@/components/contracts/contract-page';

export default function Contract() {
  return <ContractPage />;
}
