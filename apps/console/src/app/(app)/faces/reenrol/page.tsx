import { PageGate } from '@/components/page-gate';
import Screen from './screen';

export default function Page() {
  return (
    <PageGate page="/faces/reenrol">
      <Screen />
    </PageGate>
  );
}
