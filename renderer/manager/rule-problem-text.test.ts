import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RULE_PROBLEM_TEXT, ruleProblems, type RuleProblemCode } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule } from '../../core/domain/limits/rule.js';
import { DICTIONARIES, type UiKey } from '../i18n/translate.js';
import { problemText } from './RuleEditor.js';

const SAMPLE = { ruleId: 'r1', earlier: 0, measure: 'amount', max: -1, code: '4566010000104', catalogCode: '4566010000103', category: 'guns' };

describe("the manager console words core's rule checks in its language", () => {
  test('every problem code has a Japanese and an English text, every value filled in', () => {
    for (const code of Object.keys(RULE_PROBLEM_TEXT) as RuleProblemCode[]) {
      const problem = { path: [], code, params: SAMPLE, message: RULE_PROBLEM_TEXT[code](SAMPLE) };
      for (const lang of ['ja', 'en'] as const) {
        const text = problemText(problem, (key: UiKey) => DICTIONARIES[lang].ui[key]);
        assert.doesNotMatch(text, /\{\w+\}|undefined/, `${lang} ${code}: ${text}`);
        if (lang === 'ja') assert.match(text, /[\u3040-\u30ff\u4e00-\u9fff]/, `ja ${code} is Japanese: ${text}`);
      }
    }
  });

  test('a wrong check digit, in Japanese', () => {
    const rule: LimitRule = {
      ruleId: 'tea', name: 'Tea', scope: { kind: 'item', codes: ['4566010000104'] }, measure: 'quantity', max: 1,
      window: 'sale', tender: 'any', action: 'block', enabled: true,
    };
    const [problem] = ruleProblems(rule);
    assert.equal(problemText(problem!, (key) => DICTIONARIES.ja.ui[key]), '「4566010000104」はチェックデジットが違います: どの商品にも当たりません');
  });
});
