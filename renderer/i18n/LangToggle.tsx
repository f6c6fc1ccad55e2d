/**
 * The language of the screens outside the cashier and records pages (manager, customer, tester): the stored
 * choice (default Japanese), followed live when another window changes it (the customer window in Electron
 * switches with the cashier's).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from './dictionary.js';
import { LANG_STORAGE_KEY, loadLang, saveLang, uiText, type UiKey } from './translate.js';

export type T = (key: UiKey) => string;

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function useLang(): { lang: Lang; t: T; setLang: (lang: Lang) => void } {
  const [lang, setLangState] = useState<Lang>(() => loadLang(browserStorage()));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === LANG_STORAGE_KEY) setLangState(loadLang(browserStorage()));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    saveLang(browserStorage(), next);
  }, []);
  const t = useCallback((key: UiKey) => uiText(key, lang), [lang]);
  return { lang, t, setLang };
}

/** The language switch every screen shows. `className` picks its look (default: for a light header). */
export function LangToggle(props: { lang: Lang; t: T; setLang: (lang: Lang) => void; className?: string }) {
  const { lang, t } = props;
  return (
    <button
      type="button"
      className={props.className ?? 'lang-toggle on-light'}
      data-testid="lang-toggle"
      onClick={() => props.setLang(lang === 'ja' ? 'en' : 'ja')}
      aria-label={t('languageLabel')}
      lang={lang === 'ja' ? 'en' : 'ja'}
    >
      {t('language')}
    </button>
  );
}
