/**
 * The customer display (#/customer): the basket and total as the customer sees them, and the age
 * confirmation the customer must touch before an age-restricted sale can be paid.
 */
import { useRef, useState } from 'react';
import type { RegisterConnection } from '../connection/types.js';
import { formatYen } from '../i18n/format.js';
import { fillText } from '../i18n/screens-text.js';
import { useLang } from '../i18n/LangToggle.js';
import { paidByWallet, saleChange } from '../../core/domain/sale.js';
import { useKeepLineInView } from '../register/keep-line-in-view.js';
import { useRegister } from '../register/use-register.js';

/**
 * What the customer is told at each step of a wallet payment (the cashier sees the detail). A SUCCEEDED payment is
 * not the end of the sale: until the register has recorded the sale it is still being processed, and a paid part of
 * a split tender is shown as what is still due (below). "Complete" is said by the completed sale alone.
 */
const WALLET_WORDS = {
  ENTERING: 'custWalletEntering',
  NEW: 'custWalletProcessing',
  SUBMITTING: 'custWalletProcessing',
  AWAITING_USER: 'custWalletAwaiting',
  UNKNOWN: 'custWalletChecking',
  CANCELLING: 'custWalletChecking',
  CANCEL_UNKNOWN: 'custWalletChecking',
  SUCCEEDED: 'custWalletProcessing',
  FAILED: 'custWalletFailed',
  VOIDED: 'custWalletCancelled',
  REVERSED: 'custWalletCancelled',
  REFUNDED: 'custWalletCancelled',
} as const;

const ageBadge = { marginLeft: 8, padding: '1px 6px', borderRadius: 4, fontSize: 15, background: '#b00020', color: '#fff', verticalAlign: 'middle' } as const;

const big = { fontSize: 36, padding: '28px 40px', borderRadius: 12, border: 'none', cursor: 'pointer', minWidth: 280 } as const;

export function CustomerDisplay(props: { connection: RegisterConnection }) {
  const { t, lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const { state } = useRegister(props.connection, (e) => setError(e instanceof Error ? e.message : String(e)));
  // The lines scroll on their own, keeping the one just scanned in view: the total and the age question below them
  // stay on screen however long the basket grows.
  const linesBox = useRef<HTMLDivElement>(null);
  const last = state?.lines.find((l) => l.lineId === state.lastLineId);
  useKeepLineInView(linesBox, last?.lineId ?? null, last ? `${last.quantity}:${state?.lines.length ?? 0}` : '');
  const answer = (confirmed: boolean) => {
    setError(null);
    props.connection.api.confirmAge({ confirmed }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  if (!state) return <main style={{ padding: 40, fontSize: 28 }}>{t('custConnecting')}</main>;
  // A completed sale stays on the display, with what was paid and the change, until the next scan: the customer
  // should see what they paid, not a blank ¥0 the moment the cashier takes the money.
  const done = state.phase === 'completed' && state.lastSale !== null ? state.lastSale : null;
  const lines = done ? done.lines : state.lines;
  const change = done ? saleChange(done) : 0;
  const walletPaid = done ? paidByWallet(done) : 0;
  // Split tender: a wallet part is paid (state.wallet.paid) and the rest is due in cash. The customer is told what is
  // still to pay, not that the payment is complete.
  const walletPart = state.wallet?.paid ?? 0;
  const heldPart = state.wallet?.state === 'SUCCEEDED' && walletPart > 0;
  return (
    <main data-testid="customer-display" style={{ padding: 24, display: 'flex', flexDirection: 'column', gap: 16, height: '100%', boxSizing: 'border-box' }}>
      <h1 style={{ margin: 0, fontSize: 28 }}>{t('custWelcome')}</h1>
      <div ref={linesBox} data-testid="customer-lines" style={{ flex: '0 1 auto', minHeight: 0, overflowY: 'auto' }}>
        <table style={{ width: '100%', fontSize: 22, borderCollapse: 'collapse' }}>
          <tbody>
            {lines.map((l) => (
              <tr key={l.lineId} data-line-id={l.lineId} style={{ borderBottom: '1px solid #ddd' }}>
                <td>
                  {l.item.nameJa}
                  {/* Text, not an emoji: a register need not have an emoji font (these machines do not). */}
                  {l.item.ageRestricted && <span data-testid="customer-age-badge" style={ageBadge}>{t('custAgeBadge')}</span>}
                  {/* As on the cashier's basket: in English the item's English name goes under its Japanese one. */}
                  {lang === 'en' && <span data-testid="customer-line-name-en" lang="en" style={{ display: 'block', fontSize: 17, color: '#555' }}>{l.item.name}</span>}
                </td>
                <td style={{ textAlign: 'right' }}>× {l.quantity}</td>
                <td style={{ textAlign: 'right' }}>{formatYen(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div data-testid="customer-total" style={{ fontSize: 40, textAlign: 'right', fontWeight: 'bold' }}>
        {t('custTotal')} {formatYen(done ? done.totals.total : state.totals.total)}
      </div>
      {done && (
        <p data-testid="customer-thanks" role="status" style={{ fontSize: 26, textAlign: 'center', padding: 16, background: '#eef7ee', borderRadius: 12, margin: 0 }}>
          {walletPaid > 0 && (
            <span data-testid="customer-paid-wallet" style={{ display: 'block', fontSize: 22 }}>
              {fillText(t('custWalletPaid'), { amount: formatYen(walletPaid) })}
            </span>
          )}
          {change > 0 && <span data-testid="customer-change" style={{ display: 'block', fontSize: 34, fontWeight: 'bold' }}>{t('custChange')} {formatYen(change)}</span>}
          {t('custThanks')}
        </p>
      )}
      {state.ageCheck === 'required' && (
        <section data-testid="age-check" style={{ textAlign: 'center', padding: 24, background: '#fff7e0', borderRadius: 12 }}>
          <p style={{ fontSize: 26, margin: '0 0 20px' }}>
            {t('custAgeTitle')}
            <br />
            <small style={{ fontSize: 18 }}>{t('custAgeNote')}</small>
          </p>
          <div style={{ display: 'flex', gap: 32, justifyContent: 'center' }}>
            <button type="button" data-testid="age-yes" style={{ ...big, background: '#1f7a3a', color: '#fff' }} onClick={() => answer(true)}>
              {t('custAgeYes')}
            </button>
            <button type="button" data-testid="age-no" style={{ ...big, background: '#ccc' }} onClick={() => answer(false)}>
              {t('custAgeNo')}
            </button>
          </div>
        </section>
      )}
      {state.ageCheck === 'confirmed' && <p data-testid="age-confirmed" style={{ fontSize: 22, color: '#1f7a3a' }}>{t('custAgeConfirmed')}</p>}
      {state.ageCheck === 'refused' && <p data-testid="age-refused" style={{ fontSize: 22 }}>{t('custAgeRefused')}</p>}
      {state.wallet && (
        <p data-testid="customer-wallet" data-state={state.wallet.state} role="status" aria-live="polite" style={{ fontSize: 26, textAlign: 'center', padding: 16, background: '#eef4ff', borderRadius: 12 }}>
          {!heldPart && fillText(t(WALLET_WORDS[state.wallet.state]), { amount: formatYen(state.wallet.amount) })}
          {walletPart > 0 && (
            <>
              <span data-testid="customer-remaining" style={{ display: 'block', fontSize: 34, fontWeight: 'bold' }}>
                {fillText(t('custWalletRemaining'), { amount: formatYen(state.totals.total - walletPart) })}
              </span>
              <small style={{ fontSize: 20 }}>{fillText(t('custWalletPaid'), { amount: formatYen(walletPart) })}</small>
            </>
          )}
        </p>
      )}
      {error && <p role="alert" style={{ color: '#b00020' }}>{error}</p>}
    </main>
  );
}
