import { InquiriesScreen } from '@/components/operations/inquiries-screen';
import { PageGate } from '@/components/page-gate';

export default function Page() {
  return (
    <PageGate page="/inquiries">
      <InquiriesScreen />
    </PageGate>
  );
}
