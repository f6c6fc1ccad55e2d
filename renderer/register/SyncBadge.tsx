/**
 * Header badge: is the back office reachable, and how many completed sales wait to be sent. Informational only:
 * the cashier keeps selling either way (cash sales never wait on the back office).
 */
import type { SyncState } from '../../core/sync/sync-monitor.js';
import type { Lang } from '../i18n/dictionary.js';

const TEXT = {
  ja: { online: '本部: オンライン', offline: '本部: オフライン', unknown: '本部: 未確認', queue: '未送信', parked: '保留', tip: '未送信の売上は自動で再送されます。会計はそのまま続けられます' },
  en: { online: 'HQ: online', offline: 'HQ: offline', unknown: 'HQ: not checked', queue: 'unsent', parked: 'held', tip: 'Unsent sales are resent automatically; keep selling as usual' },
} as const;

export type SyncLevel = 'online' | 'offline' | 'unknown';

export function syncLevel(sync: SyncState): SyncLevel {
  return sync.online === true ? 'online' : sync.online === false ? 'offline' : 'unknown';
}

export function SyncBadge(props: { sync: SyncState; lang: Lang }) {
  const text = TEXT[props.lang];
  const level = syncLevel(props.sync);
  const title = props.sync.lastError ? `${text.tip}\n${props.sync.lastError}` : text.tip;
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
      {text[level]}
      <span className="sync-queue">
        {' · '}
        {text.queue} <strong data-testid="sync-queue">{props.sync.queueDepth}</strong>
      </span>
      {props.sync.parked > 0 && (
        <span className="sync-parked">
          {' · '}
          {text.parked} <strong>{props.sync.parked}</strong>
        </span>
      )}
    </span>
  );
}
