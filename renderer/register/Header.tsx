import type { RegisterMode } from '../../core/api.js';
import type { SyncState } from '../../core/sync/sync-monitor.js';
import type { ConnectionStatus } from '../connection/types.js';
import type { Lang } from '../i18n/dictionary.js';
import type { UiKey } from '../i18n/translate.js';
import { SyncBadge } from './SyncBadge.js';

const STATUS_TEXT: Record<ConnectionStatus['state'], UiKey> = {
  connecting: 'connConnecting',
  connected: 'connConnected',
  reconnecting: 'connReconnecting',
  closed: 'connClosed',
};

export function Header(props: {
  t: (key: UiKey) => string;
  lang: Lang;
  onToggleLang: () => void;
  registerId: string | null;
  saleNo: number | null;
  mode: RegisterMode | null;
  status: ConnectionStatus;
  /** Back office delivery (outbox); null before the first state arrives. */
  sync?: SyncState | null;
}) {
  const { t, status } = props;
  return (
    <header className="header" role="banner">
      <h1 className="header-title">{t('appTitle')}</h1>
      {props.saleNo !== null && (
        <span className="header-item">
          {t('saleNo')} <strong>{props.saleNo}</strong>
        </span>
      )}
      {props.registerId !== null && (
        <span className="header-item">
          {t('register')} <strong>{props.registerId}</strong>
        </span>
      )}
      <span className="header-spacer" />
      {props.mode === 'simulator' && (
        <span className="mode-badge" data-testid="mode-badge" role="status">
          {t('simulator')}
        </span>
      )}
      {props.sync && <SyncBadge sync={props.sync} lang={props.lang} />}
      <span
        className={`conn conn-${status.state}`}
        data-testid="connection-status"
        data-status={status.state}
        role="status"
        aria-live="polite"
      >
        {t(STATUS_TEXT[status.state])}
      </span>
      <button type="button" className="lang-toggle" onClick={props.onToggleLang} aria-label={t('languageLabel')} lang={props.lang === 'ja' ? 'en' : 'ja'}>
        {t('language')}
      </button>
    </header>
  );
}
