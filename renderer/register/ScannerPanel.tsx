import type { ScannerState, ScannerStatus } from '../../core/ports.js';
import type { UiKey } from '../i18n/translate.js';

export const SCANNER_STATE_TEXT: Record<ScannerState, UiKey> = {
  connecting: 'scannerConnecting',
  connected: 'scannerConnected',
  disconnected: 'scannerDisconnected',
  error: 'scannerError',
};

export function ScannerPanel(props: { t: (key: UiKey) => string; scanners: readonly ScannerStatus[] }) {
  const { t, scanners } = props;
  return (
    <section className="panel scanners" data-testid="scanner-status" aria-labelledby="scanners-title">
      <h2 id="scanners-title">{t('scanners')}</h2>
      {scanners.length === 0 && <p className="muted">{t('noScanners')}</p>}
      <ul>
        {scanners.map((s) => (
          <li key={s.driverId} className="scanner" data-testid="scanner-row" data-driver-id={s.driverId} data-state={s.state}>
            <span className={`dot dot-${s.state}`} aria-hidden="true" />
            <span className="scanner-id">{s.driverId}</span>
            <span className="scanner-kind" data-testid="scanner-kind">{s.kind}</span>
            <span className={`scanner-state state-${s.state}`}>{t(SCANNER_STATE_TEXT[s.state])}</span>
            <span className="scanner-counts">
              {t('scans')} {s.scans} / {t('badReads')} {s.badReads}
            </span>
            <span className="scanner-desc" title={s.description}>
              {s.description}
              {s.state === 'error' && s.error ? `: ${s.error}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
