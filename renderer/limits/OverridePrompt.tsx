/**
 * Shown on the cashier screen while a refused scan waits for a manager: the rule, the allowance,
 * and a manager id + PIN + reason form (approveOverride), or cancel (cancelOverride).
 */
import { useState } from 'react';
import type { RegisterState } from '../../core/api.js';
import { OVERRIDE_REASON_CODES } from '../../core/domain/limits/manager-pin.js';
import type { RegisterConnection } from '../connection/types.js';

export function OverridePrompt(props: { connection: RegisterConnection; state: RegisterState | null }) {
  const pending = props.state?.pendingOverride;
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [reasonCode, setReasonCode] = useState<string>(OVERRIDE_REASON_CODES[0]);
  const [error, setError] = useState<string | null>(null);
  if (!pending) return null;
  const api = props.connection.api;
  const unit = pending.measure === 'amount' ? '円' : '個';
  const approve = () => {
    setError(null);
    api.approveOverride({ managerId, pin, reasonCode }).then(
      () => setPin(''),
      (e: unknown) => { setPin(''); setError(e instanceof Error ? e.message : String(e)); },
    );
  };
  return (
    <div role="dialog" aria-label="manager override" data-testid="override-prompt"
      style={{ position: 'fixed', right: 16, bottom: 16, background: '#fff', border: '2px solid #b00020', borderRadius: 8, padding: 14, zIndex: 50, maxWidth: 420 }}>
      <strong>店長承認が必要です / Manager approval needed</strong>
      <p style={{ margin: '6px 0' }}>「{pending.ruleName}」 v{pending.version}: 上限 {pending.limit}{unit}、この操作で {pending.attempted}{unit}</p>
      <form onSubmit={(e) => { e.preventDefault(); approve(); }} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        <input aria-label="manager id" placeholder="店長ID" value={managerId} onChange={(e) => setManagerId(e.target.value)} size={8} />
        <input aria-label="PIN" placeholder="PIN" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} size={8} />
        <select aria-label="reason" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
          {OVERRIDE_REASON_CODES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <button type="submit">承認 / Approve</button>
        <button type="button" onClick={() => void api.cancelOverride()}>取消 / Cancel</button>
      </form>
      {error && <p role="alert" style={{ color: '#b00020', margin: '6px 0 0' }}>{error}</p>}
    </div>
  );
}
