import { NoticesScreen } from '@/components/operations/notices-screen';
import { PageGate } from '@/components/page-gate';

export default function Page() {
  return (
    <PageGate page="/notices">
      <NoticesScreen />
    </PageGate>
  );
}
