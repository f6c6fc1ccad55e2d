/**
 * The tester panel (#/tester): simulator controls for people testing the register. Talks to the host's control
 * API with the page token; a production register refuses these routes. Sections are added by each simulator
 * (the customer's wallet phone here; scanner controls beside it).
 */
import type { RegisterConnection } from '../connection/types.js';
import { LangToggle, useLang } from '../i18n/LangToggle.js';
import { ScannersSection } from './ScannersSection.js';
import { ScenarioSection } from './ScenarioSection.js';
import { WalletPhone } from './WalletPhone.js';

export function TesterPanel(_props: { connection?: RegisterConnection }) {
  const { lang, t, setLang } = useLang();
  return (
    <div className="tester" data-testid="tester-panel">
      <div className="tester-head">
        <h1>{t('tstTitle')}</h1>
        <LangToggle lang={lang} t={t} setLang={setLang} />
      </div>
      <p>
        <a href="#/">{t('tstBack')}</a>
      </p>
      <WalletPhone t={t} />
      <ScannersSection t={t} lang={lang} />
      <ScenarioSection t={t} />
    </div>
  );
}
