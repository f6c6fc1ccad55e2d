/**
 * Shown on the cashier screen while a refused scan waits for a manager: the rule, the allowance,
 * and a manager id + PIN + reason form (approveOverride), or cancel (cancelOverride).
 * It sits in the left column between the basket and the code field (the basket list gives up the
 * height), so the code field, the tender keys, recent sales, the history link and the shortcut strip
 * stay visible and usable while the manager walks over; an error only makes the basket shorter.
 */
import { useState } from 'react';
import { RegisterError, type RegisterState } from '../../core/api.js';
import { OVERRIDE_REASON_CODES, PIN_PATTERN, type OverrideReasonCode } from '../../core/domain/limits/manager-pin.js';
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
    // The register refuses a malformed PIN too, but in English: say it here, in the cashier's language.
    if (!PIN_PATTERN.test(pin)) return setError(t('ovrPinFormat'));
    api.approveOverride({ managerId, pin, reasonCode }).then(
      () => setPin(''),
      (e: unknown) => { setPin(''); setError(overrideError(e, t)); },
    );
  };
  return (
    <section role="dialog" aria-label={t('ovrDialog')} data-testid="override-prompt" className="panel override">
      <h2 className="override-title">{t('ovrTitle')}</h2>
      <p className="override-rule">
        {fillText(t('ovrRule'), { rule: pending.ruleName, version: pending.version, limit: pending.limit, attempted: pending.attempted, unit })}
      </p>
      <form className="override-form" onSubmit={(e) => { e.preventDefault(); approve(); }}>
        <label className="field">
          <span>{t('ovrManagerId')}</span>
          <input className="input" value={managerId} onChange={(e) => setManagerId(e.target.value)} size={8} autoComplete="username" />
        </label>
        <label className="field">
          <span>{t('ovrPin')}</span>
          <input className="input" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} size={8} autoComplete="current-password" />
        </label>
        <label className="field">
          <span>{t('ovrReason')}</span>
          <select className="input" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            {OVERRIDE_REASON_CODES.map((c) => <option key={c} value={c}>{t(REASON_LABELS[c])}</option>)}
          </select>
        </label>
        <button type="submit" className="btn primary">{t('ovrApprove')}</button>
        <button type="button" className="btn" onClick={() => void api.cancelOverride()}>{t('ovrCancel')}</button>
      </form>
      {error && <p role="alert" className="override-error">{error}</p>}
    </section>
  );
}

const REASON_LABELS: Readonly<Record<OverrideReasonCode, UiKey>> = {
  'regular-customer': 'ovrReason_regular_customer',
  'business-purchase': 'ovrReason_business_purchase',
  'id-checked': 'ovrReason_id_checked',
  correction: 'ovrReason_correction',
  other: 'ovrReason_other',
};

/** A refused approval in the cashier's language: the PIN gate's reason (core/limits/sessions.ts pinRefusal), else the register's words. */
function overrideError(error: unknown, t: (key: UiKey) => string): string {
  if (error instanceof RegisterError && error.code === 'unauthorized') {
    const reason = error.details?.reason;
    return t(reason === 'locked' ? 'ovrLocked' : reason === 'not-manager' ? 'ovrNotManager' : 'ovrWrongPin');
  }
  return error instanceof Error ? error.message : String(error);
}
