/**
 * One rule of the draft as a card of labelled fields that wraps to the card's width (id, name, enabled and
 * remove on the first line; scope, measure, max, window, tender and action below), so it fits the manager
 * console at 1024 px in both languages; core's rule checks are shown under the field they concern.
 */
import { CATEGORIES, type Category } from '../../core/domain/catalog-item.js';
import type { RuleProblem } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule, LimitScope } from '../../core/domain/limits/rule.js';
import type { T } from '../i18n/LangToggle.js';
import { fillText } from '../i18n/screens-text.js';

const problemStyle = { color: '#b00020', fontSize: 12, display: 'block' } as const;

function Problem(props: { problems: readonly RuleProblem[]; field: string; t: T }) {
  const mine = props.problems.filter((p) => p.path[0] === props.field);
  if (mine.length === 0) return null;
  return <span role="alert" style={problemStyle} data-testid="rule-problem">{mine.map((p) => problemText(p, props.t)).join('; ')}</span>;
}

/** Core's rule check in the console's language (core's own words are English, for files and the CLI). */
export function problemText(problem: RuleProblem, t: T): string {
  const unit = t(problem.params.measure === 'amount' ? 'ruleProblemUnitAmount' : 'ruleProblemUnitQuantity');
  return fillText(t(`ruleProblem_${problem.code}`), { ...problem.params, unit });
}

function scopeText(scope: LimitScope): string {
  return scope.kind === 'item' ? scope.codes.join(', ') : scope.kind === 'category' ? scope.categories.join(', ') : '';
}

function parseScope(kind: LimitScope['kind'], text: string): LimitScope {
  const parts = text.split(/[\s,]+/).filter((s) => s !== '');
  if (kind === 'item') return { kind, codes: parts };
  if (kind === 'category') return { kind, categories: parts as Category[] };
  return { kind: 'basket' };
}

export function RuleRow(props: { rule: LimitRule; t: T; problems: readonly RuleProblem[]; onChange: (rule: LimitRule) => void; onRemove: () => void }) {
  const { rule, problems, onChange, t } = props;
  const id = rule.ruleId || 'new';
  const set = <K extends keyof LimitRule>(key: K, value: LimitRule[K]) => onChange({ ...rule, [key]: value });
  return (
    <li className="rule-card" data-testid={`rule-${id}`} style={{ opacity: rule.enabled ? 1 : 0.55 }}>
      <div className="rule-line">
        <label className="field rule-id">
          <span>{t('mgrColRuleId')}</span>
          <input className="input" value={rule.ruleId} onChange={(e) => set('ruleId', e.target.value)} />
          <Problem problems={problems} field="ruleId" t={t} />
        </label>
        <label className="field rule-name">
          <span>{t('mgrColName')}</span>
          <input className="input" data-testid={`rule-name-${id}`} value={rule.name} onChange={(e) => set('name', e.target.value)} />
          <Problem problems={problems} field="name" t={t} />
        </label>
        <label className="rule-enabled">
          <input type="checkbox" checked={rule.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('mgrEnabled')}
        </label>
        <button type="button" className="btn small rule-remove" onClick={props.onRemove}>{t('mgrRemove')}</button>
      </div>
      <div className="rule-line">
        <div className="field rule-scope">
          <span aria-hidden="true">{t('mgrColScope')}</span>
          <span className="rule-scope-controls">
            <select className="input" aria-label={t('mgrColScope')} value={rule.scope.kind} onChange={(e) => set('scope', parseScope(e.target.value as LimitScope['kind'], scopeText(rule.scope)))}>
              <option value="category">{t('mgrScopeCategory')}</option>
              <option value="item">{t('mgrScopeItem')}</option>
              <option value="basket">{t('mgrScopeBasket')}</option>
            </select>
            {rule.scope.kind !== 'basket' && (
              <input
                className="input"
                aria-label={t('mgrScopeValues')}
                title={rule.scope.kind === 'category' ? CATEGORIES.join(', ') : t('mgrItemCodes')}
                value={scopeText(rule.scope)}
                size={14}
                onChange={(e) => set('scope', parseScope(rule.scope.kind, e.target.value))}
              />
            )}
          </span>
          <Problem problems={problems} field="scope" t={t} />
        </div>
        <label className="field">
          <span>{t('mgrColMeasure')}</span>
          <select className="input" value={rule.measure} onChange={(e) => set('measure', e.target.value as LimitRule['measure'])}>
            <option value="quantity">{t('mgrMeasureQty')}</option>
            <option value="amount">{t('mgrMeasureAmount')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('mgrColMax')}</span>
          <input
            className="input"
            data-testid={`rule-max-${id}`}
            type="number"
            value={Number.isFinite(rule.max) ? rule.max : ''}
            style={{ width: 100 }}
            onChange={(e) => set('max', e.target.value === '' ? Number.NaN : Number(e.target.value))}
          />
          <Problem problems={problems} field="max" t={t} />
        </label>
        <label className="field">
          <span>{t('mgrColWindow')}</span>
          <select className="input" value={rule.window} onChange={(e) => set('window', e.target.value as LimitRule['window'])}>
            <option value="sale">{t('mgrWindowSale')}</option>
            <option value="wallet-24h">{t('mgrWindowWallet')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('mgrColTender')}</span>
          <select className="input" value={rule.tender} onChange={(e) => set('tender', e.target.value as LimitRule['tender'])}>
            <option value="any">{t('mgrTenderAny')}</option>
            <option value="wallet">{t('mgrTenderWallet')}</option>
            <option value="cash">{t('mgrTenderCash')}</option>
          </select>
          <Problem problems={problems} field="tender" t={t} />
        </label>
        <label className="field">
          <span>{t('mgrColAction')}</span>
          <select className="input" data-testid={`rule-action-${id}`} value={rule.action} onChange={(e) => set('action', e.target.value as LimitRule['action'])}>
            <option value="override">{t('mgrActionOverride')}</option>
            <option value="block">{t('mgrActionBlock')}</option>
          </select>
        </label>
      </div>
    </li>
  );
}
