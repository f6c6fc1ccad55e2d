/**
 * Header badge: is the back office reachable, and how many completed sales wait to be sent. Informational only:
 * the cashier keeps selling either way (cash sales never wait on the back office).
 */
import type { SyncState } from '../../core/sync/sync-monitor.js';
import type { Lang } from '../i18n/dictionary.js';

import { uiText, type UiKey } from '../i18n/translate.js';

const LEVEL_TEXT: Record<SyncLevel, UiKey> = { online: 'syncOnline', offline: 'syncOffline', unknown: 'syncUnknown' };

export type SyncLevel = 'online' | 'offline' | 'unknown';

export function syncLevel(sync: SyncState): SyncLevel {
  return sync.online === true ? 'online' : sync.online === false ? 'offline' : 'unknown';
}

export function SyncBadge(props: { sync: SyncState; lang: Lang }) {
  const t = (key: UiKey) => uiText(key, props.lang);
  const level = syncLevel(props.sync);
  const title = props.sync.lastError ? `${t('syncTip')}\n${props.sync.lastError}` : t('syncTip');
  return (
    <span
      className={`sync sync-${level}`}
      data-testid="sync-status"
      data-online={level}
      data-queue={props.sync.queueDepth}
      data-parked={props.sync.parked}
      role="status"
      aria-live="polite"
      title={title}
    >
      {t(LEVEL_TEXT[level])}
      <span className="sync-queue">
        {' · '}
        {t('syncQueue')} <strong data-testid="sync-queue">{props.sync.queueDepth}</strong>
      </span>
      {props.sync.parked > 0 && (
        <span className="sync-parked">
          {' · '}
          {t('syncParked')} <strong>{props.sync.parked}</strong>
        </span>
      )}
    </span>
  );
}
