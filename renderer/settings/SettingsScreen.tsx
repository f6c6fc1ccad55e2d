/** Settings (#/settings): the page language and the store details printed on receipts. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CONTROL_CHARACTER, PHONE_PATTERN, REGISTRATION_NUMBER_PATTERN, STORE_TEXT_MAX, type StoreSettings } from '../../core/domain/receipt/store-settings.js';
import type { RegisterConnection } from '../connection/types.js';
import type { Lang } from '../i18n/dictionary.js';
import type { UiKey } from '../i18n/translate.js';
import { PageShell, usePageLang } from '../records/page-shell.js';
import { fillText } from '../i18n/screens-text.js';

/** max: the register's own limits, checked here too so the refusal is in the page's language. */
const STORE_FIELDS: readonly { name: keyof StoreSettings; label: UiKey; hint?: UiKey; max?: number }[] = [
  { name: 'storeName', label: 'settingsStoreName', max: STORE_TEXT_MAX.storeName },
  { name: 'address', label: 'settingsAddress', max: STORE_TEXT_MAX.address },
  { name: 'phone', label: 'settingsPhone' },
  { name: 'registrationNumber', label: 'settingsRegistration', hint: 'settingsRegistrationHint' },
];

export function SettingsScreen(props: { connection: RegisterConnection; storage?: Storage }) {
  const api = props.connection.api;
  const { lang, t, setLang } = usePageLang(props.storage);
  const [store, setStore] = useState<StoreSettings | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'problem'; text: string } | null>(null);
  /** Edits so far: the register's answer to a save replaces the fields only if nothing was typed since it was sent. */
  const edits = useRef(0);

  useEffect(() => {
    return props.connection.onStatus((s) => {
      if (s.state === 'connected') api.getStoreSettings().then(setStore, () => setStatus({ kind: 'problem', text: t('loadFailed') }));
    });
  }, [props.connection]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!store) return;
    const problem = storeProblem(store, t);
    if (problem) return setStatus({ kind: 'problem', text: problem });
    const sent = edits.current;
    api.setStoreSettings(store).then(
      (saved) => {
        if (edits.current !== sent) return; // typed since: the newer text stays, unsaved
        setStore(saved);
        setStatus({ kind: 'saved' });
      },
      (error: unknown) => setStatus({ kind: 'problem', text: `${t('requestFailed')}: ${error instanceof Error ? error.message : String(error)}` }),
    );
  };

  return (
    <PageShell t={t} lang={lang} setLang={setLang} title={t('settingsTitle')} current="settings" testId="settings-screen">
      <div className="rec-columns two">
        <section className="rec-panel" aria-labelledby="settings-lang-title">
          <h2 id="settings-lang-title">{t('settingsLanguage')}</h2>
          <div role="radiogroup" aria-labelledby="settings-lang-title" className="rec-radios">
            {(['ja', 'en'] as const satisfies readonly Lang[]).map((l) => (
              <label key={l} lang={l}>
                <input type="radio" name="lang" value={l} checked={lang === l} data-testid={`settings-lang-${l}`} onChange={() => setLang(l)} />
                {t(l === 'ja' ? 'langJa' : 'langEn')}
              </label>
            ))}
          </div>
        </section>
        <section className="rec-panel" aria-labelledby="settings-store-title">
          <h2 id="settings-store-title">{t('settingsStore')}</h2>
          {store && (
            <form className="rec-form" onSubmit={save} data-testid="settings-form" noValidate>
              {STORE_FIELDS.map((f) => (
                <label key={f.name}>
                  <span>{t(f.label)}</span>
                  <input
                    type="text"
                    data-testid={`settings-${f.name}`}
                    value={store[f.name]}
                    {...(f.hint ? { 'aria-describedby': `hint-${f.name}` } : {})}
                    onChange={(e) => {
                      edits.current++;
                      setStore({ ...store, [f.name]: e.target.value });
                      setStatus(null);
                    }}
                  />
                  {f.hint && (
                    <small id={`hint-${f.name}`} className="muted">
                      {t(f.hint)}
                    </small>
                  )}
                </label>
              ))}
              <div className="rec-buttons">
                <button type="submit" className="btn primary" data-testid="settings-save">
                  {t('settingsSave')}
                </button>
                <span role="status" data-testid="settings-status" className={status?.kind === 'problem' ? 'rec-problem' : 'rec-ok'}>
                  {status?.kind === 'saved' ? t('settingsSaved') : status?.kind === 'problem' ? status.text : ''}
                </span>
              </div>
            </form>
          )}
        </section>
      </div>
    </PageShell>
  );
}

/** The first field the register would refuse, said in the page's language; null when all are fine. */
function storeProblem(store: StoreSettings, t: (key: UiKey) => string): string | null {
  for (const f of STORE_FIELDS) {
    const value = store[f.name].trim();
    if (value === '') return fillText(t('settingsEmpty'), { field: t(f.label) });
    if (CONTROL_CHARACTER.test(value)) return fillText(t('settingsControlChars'), { field: t(f.label) });
    if (f.max !== undefined && value.length > f.max) return fillText(t('settingsTooLong'), { field: t(f.label), max: f.max });
  }
  if (!PHONE_PATTERN.test(store.phone.trim())) return t('settingsPhoneInvalid');
  if (!REGISTRATION_NUMBER_PATTERN.test(store.registrationNumber.trim())) return t('settingsRegistrationInvalid');
  return null;
}
