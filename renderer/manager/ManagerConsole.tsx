/**
 * The manager console (#/manager): log in with a manager id and PIN, then read and edit the
 * purchase-limit rules (each save is a new version), import/export rule files, dry-run a draft
 * against recorded sales, and read and verify the audit log. Every call carries the session token.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ChainVerdict, DryRunReport, LimitsOverview, ManagerSession, RulesImportResult } from '../../core/limits/api-types.js';
import type { AuditEntry } from '../../core/domain/audit/audit-chain.js';
import { ruleSetProblems } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule } from '../../core/domain/limits/rule.js';
import type { RegisterConnection } from '../connection/types.js';
import { OutboxPanel } from './OutboxPanel.js';
import { RuleRow } from './RuleEditor.js';

const section = { background: '#fff', border: '1px solid #ccd', borderRadius: 6, padding: 12, marginBottom: 12 } as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function time(ms: number): string {
  return new Date(ms).toLocaleString('ja-JP');
}

const NEW_RULE: LimitRule = {
  ruleId: '', name: '', scope: { kind: 'category', categories: ['alcohol'] }, measure: 'quantity', max: 6, window: 'sale', tender: 'any', action: 'override', enabled: true,
};

export function ManagerConsole(props: { connection: RegisterConnection }) {
  const api = props.connection.api;
  const [session, setSession] = useState<ManagerSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [overview, setOverview] = useState<LimitsOverview | null>(null);
  const [draft, setDraft] = useState<LimitRule[]>([]);
  const [comment, setComment] = useState('');
  const [effectiveAt, setEffectiveAt] = useState('');
  const [importText, setImportText] = useState('');
  const [importResult, setImportResult] = useState<RulesImportResult | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [days, setDays] = useState('7');
  const [dry, setDry] = useState<DryRunReport | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);

  const run = useCallback(async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(message(e));
      if ((e as { code?: string }).code === 'unauthorized' && session) setSession(null);
      return undefined;
    }
  }, [session]);

  const load = useCallback(async (token: string) => {
    const o = await api.limitsOverview({ session: token });
    setOverview(o);
    setDraft(o.current ? o.current.rules.map((r) => ({ ...r })) : []);
  }, [api]);

  const problems = useMemo(() => ruleSetProblems({ effectiveFrom: 0, rules: draft, comment }), [draft, comment]);

  if (!session) return <Login onLogin={async (managerId, pin) => {
    const s = await run(() => api.managerLogin({ managerId, pin }));
    if (s) {
      setSession(s);
      await run(() => load(s.token));
    }
  }} error={error} />;

  const token = session.token;
  const save = async () => {
    const effectiveFrom = effectiveAt === '' ? undefined : new Date(effectiveAt).getTime();
    const saved = await run(() => api.limitsSave({ session: token, rules: draft, comment, ...(effectiveFrom !== undefined ? { effectiveFrom } : {}) }));
    if (saved) {
      setNotice(`version ${saved.version} saved, effective ${time(saved.effectiveFrom)}`);
      setComment('');
      await run(() => load(token));
    }
  };

  return (
    <main data-testid="manager-console" style={{ padding: 16, background: '#f3f5f9', minHeight: '100%', boxSizing: 'border-box', overflow: 'auto', height: '100%' }}>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <h1 style={{ margin: 0, fontSize: 22 }}>店長メニュー / Manager console</h1>
        <span data-testid="manager-who">{session.name} ({session.managerId})</span>
        <span style={{ flex: 1 }} />
        <a href="#/reports" data-testid="manager-reports-link">レポート / Reports</a>
        <a href="#/history" data-testid="manager-history-link">取引履歴 / Sale history</a>
        <button type="button" onClick={() => { void run(() => api.managerLogout({ session: token })); setSession(null); }}>ログアウト / Log out</button>
      </header>
      {error && <p role="alert" data-testid="manager-error" style={{ color: '#b00020' }}>{error}</p>}
      {notice && <p data-testid="manager-notice" style={{ color: '#1f7a3a' }}>{notice}</p>}

      <OutboxPanel connection={props.connection} session={token} onError={setError} />

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>購入制限ルール / Purchase limits {overview?.current ? `(v${overview.current.version} in force)` : '(none in force)'}</h2>
        <table style={{ borderCollapse: 'collapse', fontSize: 14 }}>
          <thead>
            <tr><th>ruleId</th><th>name</th><th>scope</th><th>measure</th><th>max</th><th>window</th><th>tender</th><th>action</th><th /><th /></tr>
          </thead>
          <tbody>
            {draft.map((rule, i) => (
              <RuleRow
                key={i}
                rule={rule}
                problems={problems.filter((p) => p.path[0] === 'rules' && p.path[1] === i).map((p) => ({ ...p, path: p.path.slice(2) }))}
                onChange={(r) => setDraft(draft.map((x, j) => (j === i ? r : x)))}
                onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
              />
            ))}
          </tbody>
        </table>
        <p>
          <button type="button" onClick={() => setDraft([...draft, { ...NEW_RULE, ruleId: `rule-${draft.length + 1}` }])}>ルール追加 / Add rule</button>
        </p>
        <p style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <label>コメント / Comment <input data-testid="version-comment" value={comment} onChange={(e) => setComment(e.target.value)} size={30} /></label>
          <label>適用開始 / Effective from <input type="datetime-local" value={effectiveAt} onChange={(e) => setEffectiveAt(e.target.value)} /> (空欄 = 今すぐ / empty = now)</label>
          <button type="button" data-testid="save-version" disabled={problems.length > 0} onClick={() => void save()}>新しいバージョンとして保存 / Save as new version</button>
          {problems.length > 0 && <span style={{ color: '#b00020' }}>{problems.length} problem(s) to fix first</span>}
        </p>
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>バージョン履歴 / Versions</h2>
        <table style={{ fontSize: 14 }} data-testid="versions">
          <thead><tr><th>v</th><th>effective from</th><th>by</th><th>created</th><th>rules</th><th>comment</th></tr></thead>
          <tbody>
            {overview?.versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}{overview.current?.version === v.version ? ' ✓' : ''}</td>
                <td>{time(v.effectiveFrom)}</td>
                <td>{v.createdBy}</td>
                <td>{time(v.createdAt)}</td>
                <td>{v.rules.filter((r) => r.enabled).length}/{v.rules.length}</td>
                <td>{v.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>インポート・エクスポート / Import and export (JSON)</h2>
        <p>
          <button type="button" onClick={() => void run(async () => setExported((await api.limitsExport({ session: token })).json))}>エクスポート / Export</button>{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => { const f = e.target.files?.[0]; if (f) void f.text().then(setImportText); }} />
        </p>
        {exported !== null && <textarea readOnly value={exported} rows={8} cols={90} data-testid="export-json" />}
        <textarea placeholder="rules JSON to import" value={importText} onChange={(e) => setImportText(e.target.value)} rows={6} cols={90} />
        <p>
          <button type="button" disabled={importText === ''} onClick={() => void run(async () => {
            const result = await api.limitsImport({ session: token, text: importText });
            setImportResult(result);
            if (result.ok) await load(token);
          })}>インポート / Import</button>
        </p>
        {importResult && !importResult.ok && (
          <ul data-testid="import-errors" style={{ color: '#b00020' }}>
            <li>ファイル全体を拒否しました。何も適用していません / The whole file was rejected; nothing was applied</li>
            {importResult.errors.map((e, i) => <li key={i}>line {e.line}:{e.column} {e.path} — {e.reason}</li>)}
          </ul>
        )}
        {importResult?.ok && <p style={{ color: '#1f7a3a' }}>imported as version {importResult.ruleSet.version}</p>}
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>試算 / What-if dry run of the draft</h2>
        <label>過去 / last <input type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} style={{ width: 60 }} /> 日 / days</label>{' '}
        <button type="button" disabled={problems.length > 0} onClick={() => void run(async () => setDry(await api.limitsDryRun({ session: token, rules: draft, days: Math.max(1, Math.trunc(Number(days)) || 7) })))}>試算 / Dry run</button>
        {dry && (
          <div data-testid="dry-run">
            <p>{dry.checked} sales checked: {dry.blocked} would be blocked, {dry.needsOverride} would need a manager</p>
            <table style={{ fontSize: 14 }}>
              <tbody>
                {dry.hits.map((h) => (
                  <tr key={h.saleId}>
                    <td>{time(h.completedAt)}</td><td>{h.saleId.slice(0, 8)}</td><td>{h.tender}{h.walletId ? ` ${h.walletId}` : ''}</td><td>{h.outcome}</td>
                    <td>{h.violations.map((v) => `${v.ruleName}: ${v.attempted} > ${v.limit}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>監査ログ / Audit log</h2>
        <button type="button" onClick={() => void run(async () => setAudit(await api.auditLog({ session: token, limit: 100 })))}>表示 / Show</button>{' '}
        <button type="button" data-testid="verify-chain" onClick={() => void run(async () => setVerdict(await api.auditVerify({ session: token })))}>チェーン検証 / Verify chain</button>
        {verdict && (
          <p data-testid="chain-verdict" style={{ color: verdict.ok ? '#1f7a3a' : '#b00020' }}>
            {verdict.ok ? `OK: ${verdict.count} entries intact` : `BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}`}
          </p>
        )}
        {audit && (
          <table style={{ fontSize: 13 }} data-testid="audit-log">
            <tbody>
              {audit.map((e) => (
                <tr key={e.seq}><td>#{e.seq}</td><td>{time(e.at)}</td><td>{e.kind}</td><td>{e.actor}</td><td style={{ fontFamily: 'monospace' }}>{JSON.stringify(e.details).slice(0, 160)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function Login(props: { onLogin: (managerId: string, pin: string) => Promise<void>; error: string | null }) {
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  return (
    <main style={{ padding: 40 }}>
      <h1 style={{ fontSize: 24 }}>店長ログイン / Manager login</h1>
      <form onSubmit={(e) => { e.preventDefault(); void props.onLogin(managerId, pin).then(() => setPin('')); }} style={{ display: 'flex', flexDirection: 'column', gap: 10, maxWidth: 320 }}>
        <label>店長ID / Manager id <input data-testid="manager-id" value={managerId} onChange={(e) => setManagerId(e.target.value)} autoComplete="username" /></label>
        <label>暗証番号 / PIN <input data-testid="manager-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="current-password" /></label>
        <button type="submit" data-testid="manager-login">ログイン / Log in</button>
      </form>
      {props.error && <p role="alert" data-testid="manager-error" style={{ color: '#b00020' }}>{props.error}</p>}
    </main>
  );
}
