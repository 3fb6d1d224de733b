// The page's language for the parts that are not handed the page context (form fields, the error
// summary, breadcrumbs, sections other modules add to a page): Layout provides it.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Locale, type Translate } from '../i18n.ts';

export const LocaleContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'vi', t: translator('vi') });

export function useLocale(): { locale: Locale; t: Translate } {
  return useContext(LocaleContext);
}

/** lang="vi" for text that stays Vietnamese (a procedure's name) on a page in another language. */
export function viLang(locale: Locale): 'vi' | undefined {
  return locale === 'vi' ? undefined : 'vi';
}

/** Catalog or agency text that stays Vietnamese: bare on a Vietnamese page, in a span lang="vi" otherwise. */
export function KeepVi({ children }: { children: ComponentChildren }) {
  const { locale } = useLocale();
  return locale === 'vi' ? <>{children}</> : <span lang="vi">{children}</span>;
}
