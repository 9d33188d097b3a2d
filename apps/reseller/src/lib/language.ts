import { cookies } from 'next/headers';
import { LANG_COOKIE, resolveLanguage, type Language } from '@telework/ui/i18n';

export async function requestLanguage(): Promise<Language> {
  return resolveLanguage((await cookies()).get(LANG_COOKIE)?.value);
}
