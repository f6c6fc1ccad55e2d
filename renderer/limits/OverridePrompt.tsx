/**
 * Shown on the cashier screen while a refused scan waits for a manager: the rule, the allowance,
 * and a manager id + PIN + reason form (approveOverride), or cancel (cancelOverride).
 */
import { useState } from 'react';
import type { RegisterState } from '../../core/api.js';
import { OVERRIDE_REASON_CODES } from '../../core/domain/limits/manager-pin.js';
import type { RegisterConnection } from '../connection/types.js';
import { fillText } from '../i18n/screens-text.js';
import type { UiKey } from '../i18n/translate.js';

export function OverridePrompt(props: { connection: RegisterConnection; state: RegisterState | null; t: (key: UiKey) => string }) {
  const { t } = props;
  const pending = props.state?.pendingOverride;
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [reasonCode, setReasonCode] = useState<string>(OVERRIDE_REASON_CODES[0]);
  const [error, setError] = useState<string | null>(null);
  if (!pending) return null;
  const api = props.connection.api;
  const unit = t(pending.measure === 'amount' ? 'ovrUnitAmount' : 'ovrUnitQuantity');
  const approve = () => {
    setError(null);
    api.approveOverride({ managerId, pin, reasonCode }).then(
      () => setPin(''),
      (e: unknown) => { setPin(''); setError(e instanceof Error ? e.message : String(e)); },
    );
  };
  return (
    <div role="dialog" aria-label={t('ovrDialog')} data-testid="override-prompt"
      style={{ position: 'fixed', right: 16, bottom: 16, background: '#fff', border: '2px solid #b00020', borderRadius: 8, padding: 14, zIndex: 50, maxWidth: 420 }}>
      <strong>{t('ovrTitle')}</strong>
      <p style={{ margin: '6px 0' }}>
        {fillText(t('ovrRule'), { rule: pending.ruleName, version: pending.version, limit: pending.limit, attempted: pending.attempted, unit })}
      </p>
      <form onSubmit={(e) => { e.preventDefault(); approve(); }} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        <input aria-label={t('ovrManagerId')} placeholder={t('ovrManagerId')} value={managerId} onChange={(e) => setManagerId(e.target.value)} size={8} />
        <input aria-label={t('ovrPin')} placeholder={t('ovrPin')} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} size={8} />
        <select aria-label={t('ovrReason')} value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
          {OVERRIDE_REASON_CODES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <button type="submit">{t('ovrApprove')}</button>
        <button type="button" onClick={() => void api.cancelOverride()}>{t('ovrCancel')}</button>
      </form>
      {error && <p role="alert" style={{ color: '#b00020', margin: '6px 0 0' }}>{error}</p>}
    </div>
  );
}
