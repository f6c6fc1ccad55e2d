/**
 * Scenario runner in the tester panel: pick one of the shipped scenarios (e2e/scenarios/), run it, and watch
 * each step arrive with ✓/✗ and expected vs seen. The host runs it against a fresh register of its own
 * (POST /api/sim/scenarios/run), so the cashier's basket on this register is never touched.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScenarioRunView as RunView, ScenarioSummary } from '../../core/scenario-run-view.js';
import type { T } from '../i18n/LangToggle.js';
import type { UiKey } from '../i18n/translate.js';
import { fillText } from '../i18n/screens-text.js';
import { controlApi } from './control-api.js';

const POLL_MS = 500;

const STATE_TEXT: Record<RunView['state'], UiKey> = {
  running: 'tstRunning',
  passed: 'tstPassed',
  failed: 'tstFailed',
};

export function ScenarioSection(props: { t: T }) {
  const { t } = props;
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [picked, setPicked] = useState('');
  const [run, setRun] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    controlApi<ScenarioSummary[]>('GET', '/api/sim/scenarios')
      .then((list) => {
        setScenarios(list);
        setPicked((current) => current || (list.find((s) => !s.problems)?.name ?? ''));
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const poll = useCallback((id: string) => {
    controlApi<RunView>('GET', `/api/sim/scenarios/runs/${encodeURIComponent(id)}`)
      .then((view) => {
        setRun(view);
        if (view.state === 'running') timer.current = setTimeout(() => poll(id), POLL_MS);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const started = await controlApi<{ id: string; name: string; title: string; totalSteps: number }>('POST', '/api/sim/scenarios/run', { name: picked });
      setRun({ ...started, state: 'running', steps: [] });
      poll(started.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };

  const current = scenarios.find((s) => s.name === picked);
  const running = run?.state === 'running';

  return (
    <section className="panel tester-scenarios" data-testid="tester-scenarios" aria-labelledby="tester-scenarios-title">
      <h2 id="tester-scenarios-title">{t('tstScenarios')}</h2>
      <p className="muted">{t('tstScenariosNote')}</p>
      {error && (
        <p className="banner banner-error" role="alert" data-testid="scenario-error">
          {error}
        </p>
      )}
      <div className="tester-row">
        <label>
          {t('tstScenario')}{' '}
          <select data-testid="scenario-pick" value={picked} onChange={(e) => setPicked(e.target.value)} disabled={running}>
            {scenarios.map((s) => (
              <option key={s.name} value={s.name} disabled={Boolean(s.problems)}>
                {s.name}: {s.title} ({fillText(t('tstSteps'), { n: s.steps })}){s.problems ? ` — ${t('tstInvalid')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn primary" data-testid="scenario-run" disabled={starting || running || !current || Boolean(current.problems)} onClick={() => void start()}>
          {t('tstRun')}
        </button>
      </div>
      {current?.description && <p className="muted">{current.description}</p>}
      {current?.problems && <pre className="rec-problem">{current.problems}</pre>}
      {run && (
        <div data-testid="scenario-run-view" data-state={run.state}>
          <h3>
            {run.title}{' '}
            <span data-testid="scenario-state" className={run.state === 'passed' ? 'state-connected' : run.state === 'failed' ? 'state-error' : ''}>
              {t(STATE_TEXT[run.state])}
            </span>{' '}
            <span className="muted">
              {fillText(t('tstProgress'), { done: run.steps.length, total: run.totalSteps })}{run.durationMs === undefined ? '' : `, ${(run.durationMs / 1000).toFixed(1)} s`}
            </span>
          </h3>
          <ol className="scenario-steps">
            {run.steps.map((s) => (
              <li key={s.index} data-testid="scenario-step" data-ok={s.ok ? 'true' : 'false'}>
                <span className={s.ok ? 'state-connected' : 'state-error'}>{s.ok ? '✓' : '✗'}</span> {s.title}
                {s.ok && s.detail && s.detail !== 'as expected' && <span className="muted"> → {s.detail}</span>}
                {s.expected !== undefined && (
                  <div>
                    {t('tstExpected')}: <code data-testid="scenario-expected">{s.expected}</code>
                    <br />
                    {t('tstSeen')}: <code data-testid="scenario-seen">{s.seen}</code>
                  </div>
                )}
                {s.error && (
                  <div className="state-error">
                    {t('tstError')}: <code>{s.error}</code>
                  </div>
                )}
              </li>
            ))}
          </ol>
          {run.error && (
            <pre className="rec-problem" data-testid="scenario-run-error">
              {t('tstCouldNotRun')}: {run.error}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
