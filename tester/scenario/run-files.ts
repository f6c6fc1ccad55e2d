/** `regi scenario run FILE...`: validates every file first, runs each against its own fresh host, prints as it goes. */
import { basename } from 'node:path';
import { loadScenarioFile, ScenarioFileError } from './load.js';
import { runScenario, type ScenarioResult, type StepResult } from './runner.js';
import type { Scenario } from './schema.js';

export interface FilesSummary {
  passed: number;
  failed: number;
  results: { file: string; result: ScenarioResult | null; problems?: string }[];
}

export async function runScenarioFiles(files: readonly string[], print: (line: string) => void, options: { keepData?: boolean } = {}): Promise<FilesSummary> {
  const summary: FilesSummary = { passed: 0, failed: 0, results: [] };
  const loaded: { file: string; scenario: Scenario | null; problems?: string }[] = files.map((file) => {
    try {
      return { file, scenario: loadScenarioFile(file) };
    } catch (error) {
      if (error instanceof ScenarioFileError) return { file, scenario: null, problems: error.message };
      throw error;
    }
  });
  for (const { file, scenario, problems } of loaded) {
    if (!scenario) {
      print(`✗ ${basename(file)}: not run, the file is not a valid scenario:`);
      for (const line of (problems ?? '').split('\n')) print(`    ${line}`);
      summary.failed++;
      summary.results.push({ file, result: null, problems: problems ?? '' });
      continue;
    }
    print(`▶ ${basename(file)}: ${scenario.name}`);
    const result = await runScenario(scenario, { onStep: (s) => print(formatStep(s)), ...options });
    if (result.error) print(`  ✗ could not run: ${result.error.split('\n').join('\n    ')}`);
    print(`  ${result.ok ? '✓ passed' : '✗ failed'} (${result.steps.filter((s) => s.ok).length}/${scenario.steps.length} steps, ${(result.durationMs / 1000).toFixed(1)} s)`);
    if (result.dataDir !== undefined) print(`  data kept in ${result.dataDir}`);
    if (result.ok) summary.passed++;
    else summary.failed++;
    summary.results.push({ file, result });
  }
  return summary;
}

export function formatStep(s: StepResult): string {
  return `  ${s.ok ? '✓' : '✗'} ${String(s.index + 1).padStart(2)} ${s.label}${s.ok ? (s.detail && s.detail !== 'as expected' ? ` → ${s.detail}` : '') : `\n       ${s.detail}`}`;
}
