/** Frame of the back-office screens (history, reports, settings): title, menu, language switch. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Lang } from '../i18n/dictionary.js';
import { LangToggle, type T } from '../i18n/LangToggle.js';
import { loadLang, saveLang, uiText, type UiKey } from '../i18n/translate.js';

export type { T };

/** The page language, shared with the cashier screen through storage (default Japanese). */
export function usePageLang(storage: Storage | undefined): { lang: Lang; t: T; setLang: (lang: Lang) => void } {
  const [lang, setLangState] = useState<Lang>(() => loadLang(storage));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      saveLang(storage, next);
    },
    [storage],
  );
  const t = useCallback((key: UiKey) => uiText(key, lang), [lang]);
  return { lang, t, setLang };
}

const NAV: readonly { href: string; key: UiKey; id: string }[] = [
  { href: '#/', key: 'navRegister', id: 'register' },
  { href: '#/history', key: 'navHistory', id: 'history' },
  { href: '#/reports', key: 'navReports', id: 'reports' },
  { href: '#/manager', key: 'navManager', id: 'manager' },
  { href: '#/settings', key: 'navSettings', id: 'settings' },
];

export function PageShell(props: {
  t: T;
  lang: Lang;
  setLang: (lang: Lang) => void;
  title: string;
  current: string;
  testId: string;
  children: ReactNode;
}) {
  const { t, lang } = props;
  return (
    <div className="rec-page" data-testid={props.testId}>
      <header className="header" role="banner">
        <h1 className="header-title">{props.title}</h1>
        <nav className="rec-nav" aria-label={t('mainNav')}>
          {NAV.map((item) => (
            <a key={item.id} href={item.href} data-testid={`nav-${item.id}`} aria-current={item.id === props.current ? 'page' : undefined}>
              {t(item.key)}
            </a>
          ))}
        </nav>
        <span className="header-spacer" />
        <LangToggle lang={lang} t={t} setLang={props.setLang} className="lang-toggle" />
      </header>
      <main className="rec-main">{props.children}</main>
    </div>
  );
}

/** The page's run token (browser mode), for links the browser opens itself (receipt PDF, CSV). Null in Electron. */
export function pageToken(): string | null {
  if (typeof document === 'undefined' || !/^https?:$/.test(window.location.protocol)) return null;
  const token = document.querySelector('meta[name="regi-token"]')?.getAttribute('content') ?? null;
  return token && token !== '%REGI_TOKEN%' ? token : null;
}

/** Same-origin API link carrying the token, or null where the page cannot open one (Electron). */
export function apiLink(path: string, query: Record<string, string | number>): string | null {
  const token = pageToken();
  if (token === null) return null;
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  params.set('token', token);
  return `${path}?${params.toString()}`;
}

/** True while the connection to the register is up (calls made before that fail with 'not-available'). */
export function useConnected(connection: { onStatus(listener: (status: { state: string }) => void): () => void }): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => connection.onStatus((status) => setConnected(status.state === 'connected')), [connection]);
  return connected;
}
