/**
 * The tester panel (#/tester): simulator controls for people testing the register. Talks to the host's control
 * API with the page token; a production register refuses these routes. Sections are added by each simulator
 * (the customer's wallet phone here; scanner controls beside it).
 */
import type { RegisterConnection } from '../connection/types.js';
import { ScannersSection } from './ScannersSection.js';
import { ScenarioSection } from './ScenarioSection.js';
import { WalletPhone } from './WalletPhone.js';

export function TesterPanel(_props: { connection?: RegisterConnection }) {
  return (
    <div className="tester" data-testid="tester-panel">
      <h1>テスターパネル / Tester panel</h1>
      <p>
        <a href="#/">← レジ / Register</a>
      </p>
      <WalletPhone />
      <ScannersSection />
      <ScenarioSection />
    </div>
  );
}
