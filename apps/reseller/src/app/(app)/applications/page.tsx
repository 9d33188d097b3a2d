import { ApplicationList } from '@/components/contracts/application-list';
import { PageGate } from '@/components/page-gate';

export default function ApplicationsPage() {
  return (
    <PageGate page="/applications">
      <ApplicationList />
    </PageGate>
  );
}
