/** One rule of the draft as a form row; core's rule checks are shown next to the field they concern. */
import { CATEGORIES, type Category } from '../../core/domain/catalog-item.js';
import type { RuleProblem } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule, LimitScope } from '../../core/domain/limits/rule.js';
import type { T } from '../i18n/LangToggle.js';

const cell = { padding: '4px 6px', verticalAlign: 'top' } as const;
const problemStyle = { color: '#b00020', fontSize: 12, display: 'block' } as const;

function Problem(props: { problems: readonly RuleProblem[]; field: string }) {
  const mine = props.problems.filter((p) => p.path[0] === props.field);
  if (mine.length === 0) return null;
  return <span role="alert" style={problemStyle} data-testid="rule-problem">{mine.map((p) => p.message).join('; ')}</span>;
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
    <tr data-testid={`rule-${id}`} style={{ borderBottom: '1px solid #ddd', opacity: rule.enabled ? 1 : 0.55 }}>
      <td style={cell}>
        <input aria-label={t('mgrColRuleId')} value={rule.ruleId} size={14} onChange={(e) => set('ruleId', e.target.value)} />
        <Problem problems={problems} field="ruleId" />
      </td>
      <td style={cell}>
        <input aria-label={t('mgrColName')} data-testid={`rule-name-${id}`} value={rule.name} size={28} onChange={(e) => set('name', e.target.value)} />
        <Problem problems={problems} field="name" />
      </td>
      <td style={cell}>
        <select aria-label={t('mgrColScope')} value={rule.scope.kind} onChange={(e) => set('scope', parseScope(e.target.value as LimitScope['kind'], scopeText(rule.scope)))}>
          <option value="category">{t('mgrScopeCategory')}</option>
          <option value="item">{t('mgrScopeItem')}</option>
          <option value="basket">{t('mgrScopeBasket')}</option>
        </select>
        {rule.scope.kind !== 'basket' && (
          <input
            aria-label={t('mgrScopeValues')}
            title={rule.scope.kind === 'category' ? CATEGORIES.join(', ') : t('mgrItemCodes')}
            value={scopeText(rule.scope)}
            size={16}
            onChange={(e) => set('scope', parseScope(rule.scope.kind, e.target.value))}
          />
        )}
        <Problem problems={problems} field="scope" />
      </td>
      <td style={cell}>
        <select aria-label={t('mgrColMeasure')} value={rule.measure} onChange={(e) => set('measure', e.target.value as LimitRule['measure'])}>
          <option value="quantity">{t('mgrMeasureQty')}</option>
          <option value="amount">{t('mgrMeasureAmount')}</option>
        </select>
      </td>
      <td style={cell}>
        <input
          aria-label={t('mgrColMax')}
          data-testid={`rule-max-${id}`}
          type="number"
          value={Number.isFinite(rule.max) ? rule.max : ''}
          style={{ width: 90 }}
          onChange={(e) => set('max', e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        <Problem problems={problems} field="max" />
      </td>
      <td style={cell}>
        <select aria-label={t('mgrColWindow')} value={rule.window} onChange={(e) => set('window', e.target.value as LimitRule['window'])}>
          <option value="sale">{t('mgrWindowSale')}</option>
          <option value="wallet-24h">{t('mgrWindowWallet')}</option>
        </select>
      </td>
      <td style={cell}>
        <select aria-label={t('mgrColTender')} value={rule.tender} onChange={(e) => set('tender', e.target.value as LimitRule['tender'])}>
          <option value="any">{t('mgrTenderAny')}</option>
          <option value="wallet">{t('mgrTenderWallet')}</option>
          <option value="cash">{t('mgrTenderCash')}</option>
        </select>
        <Problem problems={problems} field="tender" />
      </td>
      <td style={cell}>
        <select aria-label={t('mgrColAction')} data-testid={`rule-action-${id}`} value={rule.action} onChange={(e) => set('action', e.target.value as LimitRule['action'])}>
          <option value="override">{t('mgrActionOverride')}</option>
          <option value="block">{t('mgrActionBlock')}</option>
        </select>
      </td>
      <td style={cell}>
        <label>
          <input type="checkbox" checked={rule.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('mgrEnabled')}
        </label>
      </td>
      <td style={cell}>
        <button type="button" onClick={props.onRemove}>{t('mgrRemove')}</button>
      </td>
    </tr>
  );
}
