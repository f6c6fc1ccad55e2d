/** One rule of the draft as a form row; core's rule checks are shown next to the field they concern. */
import { CATEGORIES, type Category } from '../../core/domain/catalog-item.js';
import type { RuleProblem } from '../../core/domain/limits/rule-problems.js';
import type { LimitRule, LimitScope } from '../../core/domain/limits/rule.js';

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

export function RuleRow(props: { rule: LimitRule; problems: readonly RuleProblem[]; onChange: (rule: LimitRule) => void; onRemove: () => void }) {
  const { rule, problems, onChange } = props;
  const id = rule.ruleId || 'new';
  const set = <K extends keyof LimitRule>(key: K, value: LimitRule[K]) => onChange({ ...rule, [key]: value });
  return (
    <tr data-testid={`rule-${id}`} style={{ borderBottom: '1px solid #ddd', opacity: rule.enabled ? 1 : 0.55 }}>
      <td style={cell}>
        <input aria-label="ruleId" value={rule.ruleId} size={14} onChange={(e) => set('ruleId', e.target.value)} />
        <Problem problems={problems} field="ruleId" />
      </td>
      <td style={cell}>
        <input aria-label="name" data-testid={`rule-name-${id}`} value={rule.name} size={28} onChange={(e) => set('name', e.target.value)} />
        <Problem problems={problems} field="name" />
      </td>
      <td style={cell}>
        <select aria-label="scope" value={rule.scope.kind} onChange={(e) => set('scope', parseScope(e.target.value as LimitScope['kind'], scopeText(rule.scope)))}>
          <option value="category">category</option>
          <option value="item">item</option>
          <option value="basket">basket</option>
        </select>
        {rule.scope.kind !== 'basket' && (
          <input
            aria-label="scope values"
            title={rule.scope.kind === 'category' ? CATEGORIES.join(', ') : 'item codes'}
            value={scopeText(rule.scope)}
            size={16}
            onChange={(e) => set('scope', parseScope(rule.scope.kind, e.target.value))}
          />
        )}
        <Problem problems={problems} field="scope" />
      </td>
      <td style={cell}>
        <select aria-label="measure" value={rule.measure} onChange={(e) => set('measure', e.target.value as LimitRule['measure'])}>
          <option value="quantity">quantity (個)</option>
          <option value="amount">amount (円)</option>
        </select>
      </td>
      <td style={cell}>
        <input
          aria-label="max"
          data-testid={`rule-max-${id}`}
          type="number"
          value={Number.isFinite(rule.max) ? rule.max : ''}
          style={{ width: 90 }}
          onChange={(e) => set('max', e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        <Problem problems={problems} field="max" />
      </td>
      <td style={cell}>
        <select aria-label="window" value={rule.window} onChange={(e) => set('window', e.target.value as LimitRule['window'])}>
          <option value="sale">this sale</option>
          <option value="wallet-24h">wallet, 24 h</option>
        </select>
      </td>
      <td style={cell}>
        <select aria-label="tender" value={rule.tender} onChange={(e) => set('tender', e.target.value as LimitRule['tender'])}>
          <option value="any">any</option>
          <option value="wallet">wallet</option>
          <option value="cash">cash</option>
        </select>
        <Problem problems={problems} field="tender" />
      </td>
      <td style={cell}>
        <select aria-label="action" data-testid={`rule-action-${id}`} value={rule.action} onChange={(e) => set('action', e.target.value as LimitRule['action'])}>
          <option value="override">manager override</option>
          <option value="block">block</option>
        </select>
      </td>
      <td style={cell}>
        <label>
          <input type="checkbox" checked={rule.enabled} onChange={(e) => set('enabled', e.target.checked)} /> 有効
        </label>
      </td>
      <td style={cell}>
        <button type="button" onClick={props.onRemove}>削除</button>
      </td>
    </tr>
  );
}
