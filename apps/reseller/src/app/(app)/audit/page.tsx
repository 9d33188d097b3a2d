import { AuditScreen } from '@/components/operations/audit-screen';
import { PageGate } from '@/components/page-gate';

export default function Page() {
  return (
    <PageGate page="/audit">
      <AuditScreen />
    </PageGate>
  );
}
