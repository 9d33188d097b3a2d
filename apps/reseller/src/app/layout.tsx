import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@telework/ui';
import { translate } from '@telework/ui/i18n';
import '@telework/ui/styles.css';
import { requestLanguage } from '@/lib/language';
import { TrpcProviders } from '@/trpc/client';

export async function generateMetadata(): Promise<Metadata> {
  const lang = await requestLanguage();
  return { title: `${translate(lang, 'app.resellerName')} | ${translate(lang, 'app.productName')}` };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await requestLanguage();
  return (
    <html lang={lang}>
      <body>
        <I18nProvider lang={lang}>
          <TrpcProviders>{children}</TrpcProviders>
        </I18nProvider>
      </body>
    </html>
  );
}
