import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { I18nProvider } from '../components/i18n-provider';
import { LANG_COOKIE, resolveLanguage, translate, type Language, type MessageKey } from '../i18n';

/** The language of this request: the visitor's cookie, else Japanese. */
export async function requestLanguage(): Promise<Language> {
  return resolveLanguage((await cookies()).get(LANG_COOKIE)?.value);
}

/** "<app name> | <product name>" in the request's language. */
export async function appMetadata(appName: MessageKey): Promise<Metadata> {
  const lang = await requestLanguage();
  return { title: `${translate(lang, appName)} | ${translate(lang, 'app.productName')}` };
}

/** The html document of both apps: the request's language, its messages, and the app's providers. */
export async function RootDocument({ providers: Providers, children }: { providers: (props: { children: ReactNode }) => ReactNode; children: ReactNode }) {
  const lang = await requestLanguage();
  return (
    <html lang={lang}>
      <body>
        <I18nProvider lang={lang}>
          <Providers>{children}</Providers>
        </I18nProvider>
      </body>
    </html>
  );
}
