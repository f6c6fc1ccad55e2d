/**
 * 送信キュー / Outbox: what the register still owes the back office. Every waiting (pending) and parked row with
 * its age, attempts and last error, the live online state and queue depth, and "retry now" (optionally including
 * parked rows, after the cause was fixed). Reloads whenever the register's pushed sync state changes, and every
 * few seconds while the page is visible: during an outage each attempt counts on its row and moves its next try
 * while the pushed summary (online, depth, last error) stays the same. Ages and "next attempt" count against a
 * clock that ticks every second, not the time of the last reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutboxRow, SyncState } from '../../core/sync/sync-monitor.js';
import type { RegisterConnection } from '../connection/types.js';
import type { T } from '../i18n/LangToggle.js';
import { fillText } from '../i18n/screens-text.js';

const section = { background: '#fff', border: '1px solid #ccd', borderRadius: 6, padding: 12, marginBottom: 12 } as const;
/** How often the rows are reloaded while the page is visible, and how often the age and countdown columns move. */
const POLL_MS = 2_000;
const TICK_MS = 1_000;

const cell = { borderBottom: '1px solid #e3e6ee', padding: '3px 8px', textAlign: 'left' } as const;

/** "3 min", "2 h 5 min": how long a row has waited. */
export function age(fromMs: number, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function onlineText(sync: SyncState | null, t: T): string {
  if (!sync || sync.online === null) return t('obUnknown');
  return sync.online ? t('obOnline') : t('obOffline');
}

export function OutboxPanel(props: { connection: RegisterConnection; session: string; onError: (message: string) => void; t: T }) {
  const { connection, session, onError, t } = props;
  const [rows, setRows] = useState<OutboxRow[] | null>(null);
  const [sync, setSync] = useState<SyncState | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);

  const loading = useRef(false);

  const reload = useCallback(async () => {
    loading.current = true;
    try {
      setRows(await connection.api.outboxList({ session, states: ['pending', 'parked'], limit: 200 }));
      setNow(Date.now());
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    } finally {
      loading.current = false;
    }
  }, [connection, session, onError]);

  // The countdown and ages follow the clock between reloads.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // Rows change without a change of the pushed summary (another attempt, a later next try): reload them on an
  // interval while the page is visible (one reload at a time), and at once when it becomes visible again.
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const follow = (): void => {
      if (document.visibilityState !== 'visible') {
        if (timer !== null) clearInterval(timer);
        timer = null;
        return;
      }
      if (timer !== null) return;
      timer = setInterval(() => {
        if (!loading.current) void reload();
      }, POLL_MS);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible' && timer === null) void reload();
      follow();
    };
    follow();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      if (timer !== null) clearInterval(timer);
    };
  }, [reload]);

  useEffect(() => {
    void connection.api.getState().then((s) => setSync(s.sync), () => undefined);
    void reload();
    let last = '';
    return connection.onEvent((event) => {
      if (event.type !== 'state') return;
      const key = JSON.stringify(event.state.sync);
      if (key === last) return;
      last = key;
      setSync(event.state.sync);
      void reload();
    });
  }, [connection, reload]);

  const retry = async (includeParked: boolean) => {
    try {
      const { retried } = await connection.api.outboxRetry({ session, includeParked });
      setNotice(fillText(t('obRetried'), { n: retried }));
      await reload();
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  const parked = rows?.filter((r) => r.state === 'parked').length ?? 0;
  return (
    <section style={section} data-testid="outbox-panel">
      <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('obTitle')}</h2>
      <p style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
        <span data-testid="outbox-online" data-online={sync?.online === null || !sync ? 'unknown' : String(sync.online)}>
          {t('obBackOffice')}: <strong>{onlineText(sync, t)}</strong>
        </span>
        <span>
          {t('obWaiting')}: <strong data-testid="outbox-depth">{sync?.queueDepth ?? '—'}</strong>
        </span>
        <span>
          {t('obParked')}: <strong data-testid="outbox-parked">{sync?.parked ?? '—'}</strong>
        </span>
        {sync?.oldestPendingAt != null && <span>{t('obOldest')}: {age(sync.oldestPendingAt, now)}</span>}
        {sync?.lastError && <span style={{ color: '#8a5a00' }}>{t('obLastError')}: {sync.lastError}</span>}
      </p>
      <p style={{ display: 'flex', gap: 8 }}>
        <button type="button" data-testid="outbox-retry" onClick={() => void retry(false)}>{t('obRetry')}</button>
        <button type="button" data-testid="outbox-retry-parked" disabled={parked === 0} onClick={() => void retry(true)}>
          {t('obRetryParked')}
        </button>
        <button type="button" onClick={() => void reload()}>{t('obRefresh')}</button>
        {notice && <span data-testid="outbox-notice" style={{ color: '#1f7a3a' }}>{notice}</span>}
      </p>
      {rows === null ? (
        <p>{t('obLoading')}</p>
      ) : rows.length === 0 ? (
        <p data-testid="outbox-empty">{t('obEmpty')}</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', fontSize: 14 }} data-testid="outbox-rows">
          <thead>
            <tr>
              <th style={cell}>#</th>
              <th style={cell}>{t('obColState')}</th>
              <th style={cell}>{t('obColTopic')}</th>
              <th style={cell}>{t('obColKey')}</th>
              <th style={cell}>{t('obColAge')}</th>
              <th style={cell}>{t('obColAttempts')}</th>
              <th style={cell}>{t('obColNext')}</th>
              <th style={cell}>{t('obLastError')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="outbox-row" data-state={r.state} data-key={r.idempotencyKey}>
                <td style={cell}>{r.id}</td>
                <td style={cell}>{r.state === 'parked' ? t('obStateParked') : t('obStateWaiting')}</td>
                <td style={cell}>{r.topic}</td>
                <td style={{ ...cell, fontFamily: 'monospace' }}>{r.idempotencyKey}</td>
                <td style={cell}>{age(r.createdAt, now)}</td>
                <td style={cell}>{r.attempts}</td>
                <td style={cell}>{r.state === 'parked' ? '—' : r.nextAttemptAt <= now ? t('obNow') : age(now, r.nextAttemptAt)}</td>
                <td style={{ ...cell, color: r.state === 'parked' ? '#b00020' : '#333', maxWidth: 420 }}>{r.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
