/**
 * Control API routes for the tester panel's scenario runner (simulator mode only): list the shipped scenarios
 * (e2e/scenarios/*.yaml), start one, and poll its steps. A run never touches this register: like
 * `regi scenario run`, it starts its own fresh child host and sandbox gateway, so the cashier's basket is safe.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadScenarioFile, ScenarioFileError } from '../tester/scenario/load.js';
import { runScenario, type RunOptions, type ScenarioResult, type StepResult } from '../tester/scenario/runner.js';
import type { Scenario } from '../tester/scenario/schema.js';
import type { ScenarioRunView, ScenarioStepView, ScenarioSummary } from '../core/scenario-run-view.js';
import { parseBody } from './api-schemas.js';
import type { Context, Route } from './control-api.js';
import { HttpError } from './http-util.js';

export const SHIPPED_SCENARIOS = fileURLToPath(new URL('../e2e/scenarios/', import.meta.url));

export type { ScenarioRunView, ScenarioStepView, ScenarioSummary };

type Runner = (scenario: Scenario, options: RunOptions) => Promise<ScenarioResult>;

const MISMATCH = /^(.*?): expected (.*), saw (.*)$/;

/** Splits the runner's "what: expected X, saw Y; ..." into expected and seen, so the panel can show them side by side. */
export function stepView(s: StepResult): ScenarioStepView {
  const base = { index: s.index, title: s.label, ok: s.ok };
  if (s.ok) return s.detail ? { ...base, detail: s.detail } : base;
  const parts = s.detail.split('; ').map((p) => p.match(MISMATCH));
  if (parts.length > 0 && parts.every((m) => m !== null)) {
    return {
      ...base,
      expected: parts.map((m) => `${m![1]}: ${m![2]}`).join('; '),
      seen: parts.map((m) => `${m![1]}: ${m![3]}`).join('; '),
    };
  }
  return { ...base, error: s.detail };
}

export class ScenarioRuns {
  private readonly runs = new Map<string, ScenarioRunView>();
  private active: string | null = null;

  constructor(
    private readonly dir: string = SHIPPED_SCENARIOS,
    private readonly runner: Runner = runScenario,
  ) {}

  private files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  }

  list(): ScenarioSummary[] {
    return this.files().map((file) => {
      const name = file.replace(/\.ya?ml$/, '');
      try {
        const s = loadScenarioFile(join(this.dir, file));
        return { name, title: s.name, ...(s.description ? { description: s.description.trim() } : {}), steps: s.steps.length };
      } catch (error) {
        if (!(error instanceof ScenarioFileError)) throw error;
        return { name, title: name, steps: 0, problems: error.message };
      }
    });
  }

  start(name: string): ScenarioRunView {
    if (this.active) {
      const running = this.runs.get(this.active)!;
      throw new HttpError(409, `scenario "${running.name}" is still running (run ${running.id}); wait for it to finish before starting another`, 'busy');
    }
    const file = this.files().find((f) => f.replace(/\.ya?ml$/, '') === name);
    if (!file) throw new HttpError(404, `no scenario named "${name}" (GET /api/sim/scenarios lists them)`, 'not-found');
    let scenario: Scenario;
    try {
      scenario = loadScenarioFile(join(this.dir, file));
    } catch (error) {
      if (error instanceof ScenarioFileError) throw new HttpError(422, `scenario "${name}" is not valid: ${error.message}`, 'invalid-scenario');
      throw error;
    }
    const run: ScenarioRunView = { id: randomUUID(), name, title: scenario.name, state: 'running', totalSteps: scenario.steps.length, steps: [] };
    this.runs.set(run.id, run);
    this.forgetOld();
    this.active = run.id;
    void this.runner(scenario, { onStep: (s) => run.steps.push(stepView(s)) })
      .then((result) => {
        run.state = result.ok ? 'passed' : 'failed';
        run.durationMs = result.durationMs;
        if (result.error) run.error = result.error;
      })
      .catch((error: unknown) => {
        run.state = 'failed';
        run.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        this.active = null;
      });
    return run;
  }

  get(id: string): ScenarioRunView {
    const run = this.runs.get(id);
    if (!run) throw new HttpError(404, `no scenario run "${id}" (runs are kept in memory until the host restarts)`, 'not-found');
    return run;
  }

  /** Only the last few finished runs are kept: the panel polls the current one. */
  private forgetOld(): void {
    const finished = [...this.runs.values()].filter((r) => r.state !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - 20))) this.runs.delete(r.id);
  }
}

let shared: ScenarioRuns | null = null;
/** One runner per process: the scenario host children are heavy, so one run at a time across the whole host. */
export function scenarioRuns(): ScenarioRuns {
  shared ??= new ScenarioRuns();
  return shared;
}
/** For tests: use another scenario folder or runner. */
export function setScenarioRuns(runs: ScenarioRuns | null): void {
  shared = runs;
}

const runBody = z.strictObject({ name: z.string().min(1, 'give the scenario name').max(200) });

function simOnly(ctx: Context): ScenarioRuns {
  if (!ctx.simulators) {
    throw new HttpError(403, 'simulator controls are disabled: this register runs in production mode (start it with --simulator)', 'production-mode');
  }
  return scenarioRuns();
}

export const SCENARIO_ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/sim\/scenarios$/, handle: async (ctx) => [200, simOnly(ctx).list()] },
  {
    method: 'POST',
    pattern: /^\/api\/sim\/scenarios\/run$/,
    handle: async (ctx, _m, body) => {
      const runs = simOnly(ctx);
      const run = runs.start(parseBody(runBody, body).name);
      return [202, { id: run.id, name: run.name, title: run.title, totalSteps: run.totalSteps }];
    },
  },
  { method: 'GET', pattern: /^\/api\/sim\/scenarios\/runs\/([^/]+)$/, handle: async (ctx, m) => [200, simOnly(ctx).get(decodeURIComponent(m[1]!))] },
];
