import { ApplicationForm } from '@/components/contracts/application-form';
import { PageGate } from '@/components/page-gate';

export default function NewApplicationPage() {
  return (
    <PageGate page="/applications/new">
      <ApplicationForm />
    </PageGate>
  );
}
