import type { RefObject } from 'react';
import { formatYen } from '../i18n/format.js';
import { fillText } from '../i18n/screens-text.js';
import type { UiKey } from '../i18n/translate.js';
import { changeDue, parseTendered, quickTenders } from './tender.js';

/**
 * Cash tender entry: type the amount received (empty = exact) or press a quick amount. `due` is the cash due: the
 * sale's total, or after a wallet part of a split tender (`walletPaid` > 0) what remains, and then it says so.
 */
export function TenderPanel(props: {
  t: (key: UiKey) => string;
  inputRef: RefObject<HTMLInputElement | null>;
  due: number;
  walletPaid: number;
  value: string;
  busy: boolean;
  onChange: (value: string) => void;
  onPay: (tendered: number) => void;
  onInvalid: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t, due: total } = props;
  const parsed = parseTendered(props.value, total);
  const change = parsed.ok ? changeDue(total, parsed.tendered) : null;
  return (
    <section className="panel tender" role="dialog" aria-modal="false" aria-labelledby="tender-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed.ok) props.onPay(parsed.tendered);
          else props.onInvalid(fillText(t(parsed.problem), { got: parsed.got }));
        }}
      >
        <div className="tender-head">
          <h2 id="tender-title">{t('tenderTitle')}</h2>
          <span className="tender-total" data-testid="tender-due">
            {t(props.walletPaid > 0 ? 'walletRemaining' : 'total')} {formatYen(total)}
          </span>
        </div>
        <div className="tender-entry">
          <label htmlFor="tendered-input">{t('tendered')} ¥</label>
          <input
            id="tendered-input"
            ref={props.inputRef}
            data-testid="tendered-input"
            className="tendered-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={String(total)}
            value={props.value}
            onChange={(event) => props.onChange(event.target.value)}
          />
          <span className={`tender-change ${change === null ? 'short' : ''}`} aria-live="polite">
            {change === null ? t('notEnough') : `${t('change')} ${formatYen(change)}`}
          </span>
        </div>
        <div className="quick-row">
          {quickTenders(total).map((q) => (
            <button
              key={`${q.kind}-${q.amount}`}
              type="button"
              className="btn quick"
              disabled={!q.covers || props.busy}
              data-testid={q.kind === 'exact' ? 'tender-exact' : `tender-${q.amount}`}
              onClick={() => props.onPay(q.amount)}
            >
              {q.kind === 'exact' ? `${t('exact')} ${formatYen(q.amount)}` : formatYen(q.amount)}
            </button>
          ))}
        </div>
        <div className="tender-actions">
          <button type="button" className="btn" onClick={props.onCancel}>
            {t('cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn primary" data-testid="tender-pay" disabled={props.busy || change === null}>
            {t('payButton')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
