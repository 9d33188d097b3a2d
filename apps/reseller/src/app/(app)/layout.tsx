import type { ReactNode } from 'react';
import { ResellerShell } from '@/components/reseller-shell';

export default function AuthenticatedLayout({ children }: { children: ReactNode }) {
  return <ResellerShell>{children}</ResellerShell>;
}
