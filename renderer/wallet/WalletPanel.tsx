/**
 * Cashier wallet tender (F5 / バーコード決済): an amount (empty = everything remaining; less = split tender, the
 * rest in cash) and the customer's code, read by a scanner (the register routes the next read here) or typed.
 * While the payment runs, the progress is shown plainly with an abort button.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { RegisterApi } from '../../core/api.js';
import { WALLET_CODE_PATTERN } from '../../core/payments/wallet-gateway.js';
import type { WalletProgress } from '../../core/payments/wallet-tender.js';
import type { Lang } from '../i18n/dictionary.js';
import { formatYen } from '../i18n/format.js';
import { fillText } from '../i18n/screens-text.js';
import { translate, type UiKey } from '../i18n/translate.js';
import { halfWidth } from '../register/tender.js';

/** A payment sent and not cancelled by the cashier, or declined: gone from one of these without a sale, it did not pay. */
const SENT: ReadonlySet<WalletProgress['state']> = new Set<WalletProgress['state']>(['NEW', 'SUBMITTING', 'AWAITING_USER', 'UNKNOWN', 'FAILED']);

export function WalletPanel(props: {
  t: (key: UiKey) => string;
  lang: Lang;
  api: RegisterApi;
  due: number;
  progress: WalletProgress | null;
  run: (operation: () => Promise<unknown>) => Promise<boolean>;
  /** A typed code that cannot be a wallet code: said in the cashier's language, nothing sent. */
  onInvalid: (reason: string) => void;
  onClose: () => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { t, api, progress, run } = props;
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  // Pressed: the register answers CANCELLING a moment later; until then the button must not take a second press.
  const [aborting, setAborting] = useState(false);
  const ownRef = useRef<HTMLInputElement | null>(null);
  const codeRef = props.inputRef ?? ownRef;
  const entering = progress === null || progress.state === 'ENTERING';
  const parsedAmount = amount.trim() === '' ? undefined : Number(amount.trim());
  const amountOk = parsedAmount === undefined || (Number.isSafeInteger(parsedAmount) && parsedAmount > 0 && parsedAmount <= props.due);

  // Arm the register so a scanner read becomes the customer's code (re-armed when the amount changes). An amount it
  // cannot take disarms it: a read must never pay an amount other than the one on the screen.
  const arm = () => void run(() => api.beginWallet(parsedAmount === undefined ? {} : { amount: parsedAmount }));
  const mounted = useRef(false);
  useEffect(() => {
    const first = !mounted.current;
    mounted.current = true;
    if (!entering) return;
    // Shown on a register that already waits for a code (a reload, another cashier window): keep its amount.
    if (first && progress?.state === 'ENTERING') return;
    if (amountOk) arm();
    else if (progress?.state === 'ENTERING') void run(() => api.abortWallet());
  }, [parsedAmount, amountOk]);
  // A payment that ended without paying (declined, offline) leaves the panel open for the customer's next code: arm
  // the register for it again, or the next read would be taken as an item. Not after an abort: that was the cashier.
  const state = progress?.state ?? null;
  const previous = useRef(state);
  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    if (state === null && was !== null && SENT.has(was) && amountOk) arm();
  }, [state]);

  useEffect(() => {
    if (entering) codeRef.current?.focus();
  }, [entering, codeRef]);

  const submit = () => {
    const data = code.trim();
    if (data === '' || !amountOk) return;
    setCode('');
    // The register refuses the same (host/api-schemas.ts), but in English: say it here, in the cashier's language.
    if (!WALLET_CODE_PATTERN.test(data)) return props.onInvalid(fillText(t('walletBadCode'), { got: data }));
    void run(() => api.payWallet(parsedAmount === undefined ? { code: data } : { code: data, amount: parsedAmount }));
  };

  const abort = () => {
    setAborting(true);
    void run(() => api.abortWallet()).then(() => {
      setAborting(false);
      if (entering) props.onClose();
    });
  };

  return (
    <section className="panel tender wallet-panel" role="dialog" aria-modal="false" aria-labelledby="wallet-title" data-testid="wallet-panel">
      <div className="tender-head">
        <h2 id="wallet-title">{t('walletPay')}</h2>
        {/* What a read would pay: the typed amount once the register can take it, else what is due. */}
        <span className="tender-total">{formatYen(amountOk ? (parsedAmount ?? props.due) : props.due)}</span>
      </div>
      {entering ? (
        <form
          className="wallet-entry"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <label htmlFor="wallet-amount">{t('walletAmount')} ¥</label>
          <input
            id="wallet-amount"
            data-testid="wallet-amount"
            className="tendered-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={String(props.due)}
            value={amount}
            onChange={(event) => setAmount(halfWidth(event.target.value).replace(/[^0-9]/g, ''))}
            aria-invalid={!amountOk}
            aria-describedby={amountOk ? undefined : 'wallet-amount-problem'}
          />
          {!amountOk && (
            <p id="wallet-amount-problem" className="wallet-amount-problem" role="alert" data-testid="wallet-amount-problem">
              {fillText(t('walletBadAmount'), { max: formatYen(props.due) })}
            </p>
          )}
          <label htmlFor="wallet-code">{t('walletCodeLabel')}</label>
          <input
            id="wallet-code"
            ref={codeRef}
            data-testid="wallet-code"
            className="code-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('walletCodePlaceholder')}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <div className="tender-actions">
            <button type="button" className="btn" data-testid="wallet-abort" onClick={abort}>
              {t('walletAbort')} <kbd>Esc</kbd>
            </button>
            <button type="submit" className="btn primary" data-testid="wallet-submit" disabled={!amountOk || code.trim() === ''}>
              {t('walletSubmit')} <kbd>Enter</kbd>
            </button>
          </div>
        </form>
      ) : (
        <div className="wallet-progress" data-testid="wallet-progress" data-state={progress.state} aria-live="polite">
          <p className="wallet-status">{progress.message ? translate(progress.message, { amount: progress.amount, remaining: props.due - progress.amount }, props.lang) : t('walletPay')}</p>
          {/* The state is said above in words; the detail line keeps the amount and the payment's id for support. */}
          <p className="wallet-detail">
            {formatYen(progress.amount)} · <code>{progress.merchantPaymentId ?? ''}</code>
          </p>
          <div className="tender-actions">
            <button type="button" className="btn" data-testid="wallet-abort" onClick={abort} disabled={aborting || progress.state === 'CANCELLING' || progress.state === 'SUCCEEDED'}>
              {t('walletAbort')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * A paid wallet part of a split tender: what is left to take in cash, and the way back: cancelling the paid part
 * (the gateway reverses it) when the customer cannot pay the rest.
 */
export function WalletPaidNote(props: { t: (key: UiKey) => string; paid: number; total: number; cancelling: boolean; onCancel: () => void }) {
  if (props.paid <= 0) return null;
  return (
    <div className="panel wallet-paid" data-testid="wallet-paid">
      <div>
        {props.t('walletPaid')} {formatYen(props.paid)}
      </div>
      <div className="wallet-remaining">
        {props.t('walletRemaining')} {formatYen(props.total - props.paid)}
      </div>
      <button type="button" className="btn" data-testid="wallet-cancel-paid" onClick={props.onCancel} disabled={props.cancelling}>
        {props.t('walletCancelPaid')}
      </button>
    </div>
  );
}

/**
 * Where the wallet tender of the open sale is: nothing; armed (the next read is the customer's code); a payment
 * running (its outcome not known yet: no other tender until it is); or a part paid, waiting for the rest in cash.
 */
export function walletPhase(progress: WalletProgress | null): 'none' | 'armed' | 'running' | 'paid' {
  if (progress === null) return 'none';
  if (progress.state === 'ENTERING') return 'armed';
  return progress.state === 'SUCCEEDED' ? 'paid' : 'running';
}

/**
 * F5 asks to open the wallet tender (preventing the browser's reload); the screen decides (onF5).
 * Returns whether the panel shows: opened by the cashier, or a payment under way (also after a page reload).
 */
export function useWalletKeys(options: { open: boolean; setOpen: (open: boolean) => void; progress: WalletProgress | null; canOpen: boolean; onF5: () => void }): boolean {
  const { open, setOpen, progress, canOpen, onF5 } = options;
  const phase = walletPhase(progress);
  // Armed or running is shown even when this page did not open it (a reload): the next read is the customer's code.
  const underWay = phase === 'running' || phase === 'armed';
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'F5') {
        event.preventDefault();
        onF5();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onF5]);
  // The first wallet tender this page sees under way (after a reload, say) is adopted as opened here, so the panel
  // stays for the next code after a decline, as it does when the cashier opened it.
  const adopted = useRef(false);
  useEffect(() => {
    if (adopted.current || progress === null) return;
    adopted.current = true;
    if (underWay) setOpen(true);
  }, [progress, underWay, setOpen]);
  // A paid part (split tender) or a finished sale closes the panel: the rest is cash.
  useEffect(() => {
    if (open && (progress?.state === 'SUCCEEDED' || (!canOpen && !underWay))) setOpen(false);
  }, [open, progress, canOpen, underWay, setOpen]);
  return open || underWay;
}
