/**
 * Refund of the sale shown in history: money goes back only with a manager's id and PIN. The manager logs in for
 * this one refund (the session is closed right after), the register refunds the wallet part through the gateway
 * and records the cash part as handed back. A refund cut off earlier (a crash, the gateway away) is finished the
 * same way: it never refunds twice.
 */
import { useState } from 'react';
import { RegisterError, type RegisterApi } from '../../core/api.js';
import { PIN_PATTERN } from '../../core/domain/limits/manager-pin.js';
import type { SaleRefund } from '../../core/payments/wallet-tender.js';
import { formatYen } from '../i18n/format.js';
import type { T } from '../i18n/LangToggle.js';

type Step = { kind: 'idle' } | { kind: 'asking' } | { kind: 'working' } | { kind: 'done'; refund: SaleRefund } | { kind: 'failed'; message: string };

/** `onRefunded`: the refund is recorded (the list's badge and the receipt are out of date now). */
export function RefundPanel(props: { api: RegisterApi; t: T; saleId: string; onRefunded: () => void }) {
  const { api, t, saleId } = props;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');

  const refund = async (): Promise<void> => {
    // The register refuses a malformed PIN too, but in English: say it here, in the page's language.
    if (!PIN_PATTERN.test(pin)) return setStep({ kind: 'failed', message: t('ovrPinFormat') });
    setStep({ kind: 'working' });
    let session: string | null = null;
    try {
      session = (await api.managerLogin({ managerId, pin })).token;
      const done = await api.refundSale({ saleId, managerSession: session });
      setStep({ kind: 'done', refund: done });
      props.onRefunded();
    } catch (error) {
      setStep({ kind: 'failed', message: refundError(error, t) });
    } finally {
      setPin('');
      if (session) await api.managerLogout({ session }).catch(() => undefined);
    }
  };

  if (step.kind === 'idle') {
    return (
      <div className="rec-buttons">
        <button type="button" className="btn" data-testid="refund-start" onClick={() => setStep({ kind: 'asking' })}>
          {t('refundStart')}
        </button>
      </div>
    );
  }
  if (step.kind === 'done') {
    return (
      <p role="status" data-testid="refund-done">
        {t('refundDone')} {t('tenderWallet')} {formatYen(step.refund.walletAmount)} / {t('refundCashBack')} {formatYen(step.refund.cashAmount)}
      </p>
    );
  }
  return (
    <form
      className="refund-form"
      aria-label={t('refundStart')}
      data-testid="refund-form"
      onSubmit={(e) => {
        e.preventDefault();
        void refund();
      }}
    >
      <p className="muted">{t('refundNeedsManager')}</p>
      <label>
        {t('mgrId')} <input data-testid="refund-manager-id" value={managerId} onChange={(e) => setManagerId(e.target.value)} autoComplete="username" />
      </label>
      <label>
        {t('mgrPin')}{' '}
        <input data-testid="refund-manager-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="current-password" />
      </label>
      {step.kind === 'failed' && (
        <p role="alert" data-testid="refund-error">
          {step.message}
        </p>
      )}
      <div className="rec-buttons">
        <button type="submit" className="btn primary" data-testid="refund-confirm" disabled={step.kind === 'working' || managerId === '' || pin === ''}>
          {t('refundConfirm')}
        </button>
        <button type="button" className="btn" onClick={() => setStep({ kind: 'idle' })}>
          {t('refundCancel')}
        </button>
      </div>
    </form>
  );
}

function refundError(error: unknown, t: T): string {
  if (error instanceof RegisterError) {
    if (error.code === 'unauthorized') return t('refundUnauthorized');
    if (error.code === 'not-available') return `${t('refundNotNow')} (${error.message})`;
    if (error.code === 'invalid-request' && /refunded already/.test(error.message)) return t('refundAlready');
  }
  return error instanceof Error ? error.message : String(error);
}
