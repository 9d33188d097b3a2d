import { PrivacyScreen } from '@/components/operations/privacy-screen';
import { PageGate } from '@/components/page-gate';

export default function Page() {
  return (
    <PageGate page="/privacy">
      <PrivacyScreen />
    </PageGate>
  );
}
