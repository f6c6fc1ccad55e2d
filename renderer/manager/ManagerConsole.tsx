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
import type { Lang } from '../i18n/dictionary.js';
import { LangToggle, useLang, type T } from '../i18n/LangToggle.js';
import { fillText } from '../i18n/screens-text.js';
import { OutboxPanel } from './OutboxPanel.js';
import { RuleRow } from './RuleEditor.js';
import { formatStoreDateTime, parseStoreDateTime } from '../i18n/format.js';

const section = { background: '#fff', border: '1px solid #ccd', borderRadius: 6, padding: 12, marginBottom: 12 } as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Audit and rule times to the second, in the store's time and the same form in both languages. */
function time(ms: number): string {
  return formatStoreDateTime(ms, { seconds: true });
}

const NEW_RULE: LimitRule = {
  ruleId: '', name: '', scope: { kind: 'category', categories: ['alcohol'] }, measure: 'quantity', max: 6, window: 'sale', tender: 'any', action: 'override', enabled: true,
};

export function ManagerConsole(props: { connection: RegisterConnection }) {
  const api = props.connection.api;
  const { lang, t, setLang } = useLang();
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
  }} error={error} t={t} lang={lang} setLang={setLang} />;

  const token = session.token;
  const save = async () => {
    // The field is store time (JST), as every time the console shows; the browser's own zone plays no part.
    const effectiveFrom = effectiveAt === '' ? undefined : parseStoreDateTime(effectiveAt);
    if (effectiveFrom === null) return setError(`${t('mgrEffective')}: ${effectiveAt}?`);
    const saved = await run(() => api.limitsSave({ session: token, rules: draft, comment, ...(effectiveFrom !== undefined ? { effectiveFrom } : {}) }));
    if (saved) {
      setNotice(fillText(t('mgrSaved'), { v: saved.version, at: time(saved.effectiveFrom) }));
      setComment('');
      await run(() => load(token));
    }
  };

  return (
    <main data-testid="manager-console" style={{ padding: 16, background: '#f3f5f9', minHeight: '100%', boxSizing: 'border-box', overflow: 'auto', height: '100%' }}>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <h1 style={{ margin: 0, fontSize: 22 }}>{t('mgrTitle')}</h1>
        <span data-testid="manager-who">{session.name} ({session.managerId})</span>
        <span style={{ flex: 1 }} />
        <a href="#/reports" data-testid="manager-reports-link">{t('navReports')}</a>
        <a href="#/history" data-testid="manager-history-link">{t('navHistory')}</a>
        <button type="button" onClick={() => { void run(() => api.managerLogout({ session: token })); setSession(null); }}>{t('mgrLogout')}</button>
        <LangToggle lang={lang} t={t} setLang={setLang} />
      </header>
      {error && <p role="alert" data-testid="manager-error" style={{ color: '#b00020' }}>{error}</p>}
      {notice && <p data-testid="manager-notice" style={{ color: '#1f7a3a' }}>{notice}</p>}

      <OutboxPanel connection={props.connection} session={token} onError={setError} t={t} />

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('mgrRulesTitle')} {overview?.current ? fillText(t('mgrInForce'), { v: overview.current.version }) : t('mgrNoneInForce')}</h2>
        <ul className="rule-list" data-testid="rules">
          {draft.map((rule, i) => (
            <RuleRow
              key={i}
              rule={rule}
              t={t}
              problems={problems.filter((p) => p.path[0] === 'rules' && p.path[1] === i).map((p) => ({ ...p, path: p.path.slice(2) }))}
              onChange={(r) => setDraft(draft.map((x, j) => (j === i ? r : x)))}
              onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
        <p>
          <button type="button" onClick={() => setDraft([...draft, { ...NEW_RULE, ruleId: `rule-${draft.length + 1}` }])}>{t('mgrAddRule')}</button>
        </p>
        <p style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <label>{t('mgrComment')} <input data-testid="version-comment" value={comment} onChange={(e) => setComment(e.target.value)} size={30} /></label>
          <label>{t('mgrEffective')} <input type="datetime-local" value={effectiveAt} onChange={(e) => setEffectiveAt(e.target.value)} /> {t('mgrEffectiveHint')}</label>
          <button type="button" data-testid="save-version" disabled={problems.length > 0} onClick={() => void save()}>{t('mgrSave')}</button>
          {problems.length > 0 && <span style={{ color: '#b00020' }}>{fillText(t('mgrProblems'), { n: problems.length })}</span>}
        </p>
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('mgrVersions')}</h2>
        <table style={{ fontSize: 14 }} data-testid="versions">
          <thead><tr><th>v</th><th>{t('mgrColEffective')}</th><th>{t('mgrColBy')}</th><th>{t('mgrColCreated')}</th><th>{t('mgrColRules')}</th><th>{t('mgrComment')}</th></tr></thead>
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
        <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('mgrImportExport')}</h2>
        <p>
          <button type="button" onClick={() => void run(async () => setExported((await api.limitsExport({ session: token })).json))}>{t('mgrExport')}</button>{' '}
          <input type="file" aria-label={t('mgrImportFile')} accept="application/json,.json" onChange={(e) => { const f = e.target.files?.[0]; if (f) void f.text().then(setImportText); }} />
        </p>
        {exported !== null && <textarea readOnly value={exported} rows={8} cols={90} data-testid="export-json" />}
        <textarea placeholder={t('mgrImportPlaceholder')} aria-label={t('mgrImportPlaceholder')} value={importText} onChange={(e) => setImportText(e.target.value)} rows={6} cols={90} />
        <p>
          <button type="button" disabled={importText === ''} onClick={() => void run(async () => {
            const result = await api.limitsImport({ session: token, text: importText });
            setImportResult(result);
            if (result.ok) await load(token);
          })}>{t('mgrImport')}</button>
        </p>
        {importResult && !importResult.ok && (
          <ul data-testid="import-errors" style={{ color: '#b00020' }}>
            <li>{t('mgrImportRejected')}</li>
            {importResult.errors.map((e, i) => <li key={i}>{fillText(t('mgrImportLine'), { line: e.line, column: e.column })} {e.path} — {e.reason}</li>)}
          </ul>
        )}
        {importResult?.ok && <p style={{ color: '#1f7a3a' }}>{fillText(t('mgrImported'), { v: importResult.ruleSet.version })}</p>}
      </section>

      <section style={section}>
        <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('mgrDryRun')}</h2>
        <label>{t('mgrLast')} <input type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} style={{ width: 60 }} /> {t('mgrDays')}</label>{' '}
        <button type="button" disabled={problems.length > 0} onClick={() => void run(async () => setDry(await api.limitsDryRun({ session: token, rules: draft, days: Math.max(1, Math.trunc(Number(days)) || 7) })))}>{t('mgrDryRunButton')}</button>
        {dry && (
          <div data-testid="dry-run">
            <p>{fillText(t('mgrDryResult'), { checked: dry.checked, blocked: dry.blocked, override: dry.needsOverride })}</p>
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
        <h2 style={{ marginTop: 0, fontSize: 18 }}>{t('mgrAudit')}</h2>
        <button type="button" onClick={() => void run(async () => setAudit(await api.auditLog({ session: token, limit: 100 })))}>{t('mgrShow')}</button>{' '}
        <button type="button" data-testid="verify-chain" onClick={() => void run(async () => setVerdict(await api.auditVerify({ session: token })))}>{t('mgrVerify')}</button>
        {verdict && (
          <p data-testid="chain-verdict" style={{ color: verdict.ok ? '#1f7a3a' : '#b00020' }}>
            {verdict.ok ? fillText(t('mgrChainOk'), { n: verdict.count }) : fillText(t('mgrChainBroken'), { at: String(verdict.brokenAt), reason: verdict.reason })}
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

function Login(props: { onLogin: (managerId: string, pin: string) => Promise<void>; error: string | null; t: T; lang: Lang; setLang: (lang: Lang) => void }) {
  const { t } = props;
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  return (
    <main className="manager-login">
      <div className="manager-login-head">
        <h1>{t('mgrLoginTitle')}</h1>
        <LangToggle lang={props.lang} t={t} setLang={props.setLang} />
      </div>
      <form className="panel manager-login-form" onSubmit={(e) => { e.preventDefault(); void props.onLogin(managerId, pin).then(() => setPin('')); }}>
        <label className="field">{t('mgrId')} <input className="input" data-testid="manager-id" value={managerId} onChange={(e) => setManagerId(e.target.value)} autoComplete="username" /></label>
        <label className="field">{t('mgrPin')} <input className="input" data-testid="manager-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="current-password" /></label>
        <button type="submit" className="btn primary" data-testid="manager-login">{t('mgrLogin')}</button>
        {props.error && <p role="alert" data-testid="manager-error" className="rec-problem">{props.error}</p>}
      </form>
    </main>
  );
}
