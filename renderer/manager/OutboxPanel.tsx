/**
 * 送信キュー / Outbox: what the register still owes the back office. Every waiting (pending) and parked row with
 * its age, attempts and last error, the live online state and queue depth, and "retry now" (optionally including
 * parked rows, after the cause was fixed). Reloads whenever the register's pushed sync state changes.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutboxRow, SyncState } from '../../core/sync/sync-monitor.js';
import type { RegisterConnection } from '../connection/types.js';

const section = { background: '#fff', border: '1px solid #ccd', borderRadius: 6, padding: 12, marginBottom: 12 } as const;
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

function onlineText(sync: SyncState | null): string {
  if (!sync || sync.online === null) return '未確認 / not checked yet';
  return sync.online ? 'オンライン / online' : 'オフライン / offline';
}

export function OutboxPanel(props: { connection: RegisterConnection; session: string; onError: (message: string) => void }) {
  const { connection, session, onError } = props;
  const [rows, setRows] = useState<OutboxRow[] | null>(null);
  const [sync, setSync] = useState<SyncState | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setRows(await connection.api.outboxList({ session, states: ['pending', 'parked'], limit: 200 }));
      setNow(Date.now());
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  }, [connection, session, onError]);

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
      setNotice(`${retried} 件を再送します / ${retried} rows queued for sending now`);
      await reload();
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  const parked = rows?.filter((r) => r.state === 'parked').length ?? 0;
  return (
    <section style={section} data-testid="outbox-panel">
      <h2 style={{ marginTop: 0, fontSize: 18 }}>送信キュー / Outbox</h2>
      <p style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
        <span data-testid="outbox-online" data-online={sync?.online === null || !sync ? 'unknown' : String(sync.online)}>
          本部 / Back office: <strong>{onlineText(sync)}</strong>
        </span>
        <span>
          未送信 / Waiting: <strong data-testid="outbox-depth">{sync?.queueDepth ?? '—'}</strong>
        </span>
        <span>
          保留 / Parked: <strong data-testid="outbox-parked">{sync?.parked ?? '—'}</strong>
        </span>
        {sync?.oldestPendingAt != null && <span>最古 / Oldest: {age(sync.oldestPendingAt, now)}</span>}
        {sync?.lastError && <span style={{ color: '#8a5a00' }}>最後のエラー / Last error: {sync.lastError}</span>}
      </p>
      <p style={{ display: 'flex', gap: 8 }}>
        <button type="button" data-testid="outbox-retry" onClick={() => void retry(false)}>今すぐ再送 / Retry now</button>
        <button type="button" data-testid="outbox-retry-parked" disabled={parked === 0} onClick={() => void retry(true)}>
          保留分も再送 / Retry parked too
        </button>
        <button type="button" onClick={() => void reload()}>更新 / Refresh</button>
        {notice && <span data-testid="outbox-notice" style={{ color: '#1f7a3a' }}>{notice}</span>}
      </p>
      {rows === null ? (
        <p>読み込み中… / Loading…</p>
      ) : rows.length === 0 ? (
        <p data-testid="outbox-empty">未送信の売上はありません / Nothing waiting: every sale has reached the back office.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', fontSize: 14 }} data-testid="outbox-rows">
          <thead>
            <tr>
              <th style={cell}>#</th>
              <th style={cell}>状態 / State</th>
              <th style={cell}>種類 / Topic</th>
              <th style={cell}>キー / Key</th>
              <th style={cell}>経過 / Age</th>
              <th style={cell}>試行 / Attempts</th>
              <th style={cell}>次回 / Next try</th>
              <th style={cell}>最後のエラー / Last error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="outbox-row" data-state={r.state} data-key={r.idempotencyKey}>
                <td style={cell}>{r.id}</td>
                <td style={cell}>{r.state === 'parked' ? '保留 / parked' : '待機 / waiting'}</td>
                <td style={cell}>{r.topic}</td>
                <td style={{ ...cell, fontFamily: 'monospace' }}>{r.idempotencyKey}</td>
                <td style={cell}>{age(r.createdAt, now)}</td>
                <td style={cell}>{r.attempts}</td>
                <td style={cell}>{r.state === 'parked' ? '—' : r.nextAttemptAt <= now ? '今 / now' : age(now, r.nextAttemptAt)}</td>
                <td style={{ ...cell, color: r.state === 'parked' ? '#b00020' : '#333', maxWidth: 420 }}>{r.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
