/**
 * The tester panel's view of scenario runs, as the control API sends it (GET /api/sim/scenarios and
 * /api/sim/scenarios/runs/ID, host/scenario-routes.ts) and the panel shows it (renderer/tester/ScenarioSection.tsx).
 */

export interface ScenarioSummary {
  /** The file name without .yaml: what POST /api/sim/scenarios/run takes. */
  name: string;
  title: string;
  description?: string;
  steps: number;
  /** Set when the file does not validate; such a scenario cannot be run. */
  problems?: string;
}

export interface ScenarioStepView {
  index: number;
  title: string;
  ok: boolean;
  expected?: string;
  seen?: string;
  error?: string;
  /** What a passing step did (e.g. "added 4987301000105"). */
  detail?: string;
}

export interface ScenarioRunView {
  id: string;
  name: string;
  title: string;
  state: 'running' | 'passed' | 'failed';
  totalSteps: number;
  steps: ScenarioStepView[];
  /** Set when the scenario could not be set up or its host failed. */
  error?: string;
  durationMs?: number;
}
