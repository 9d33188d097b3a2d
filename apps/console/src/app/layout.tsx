import type { ReactNode } from 'react';
import { appMetadata, RootDocument } from '@telework/ui/root-document';
import '@telework/ui/styles.css';
import { TrpcProviders } from '@/trpc/client';

export const generateMetadata = () => appMetadata('app.consoleName');

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument providers={TrpcProviders}>{children}</RootDocument>;
}
