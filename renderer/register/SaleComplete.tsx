import { Fragment, type CSSProperties } from 'react';
import { saleChange, type CompletedSale } from '../../core/domain/sale.js';
import { formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';

/**
 * The cashier's panel after a sale: the total, then the tenders in the order the receipt lists them (a wallet
 * payment, cash received), then the change, so that total = wallet + received - change on screen. A sale paid
 * wholly by wallet has no "received" line: no cash was handed over.
 */
export function SaleComplete(props: { t: (key: UiKey) => string; sale: CompletedSale }) {
  const { t, sale } = props;
  const change = saleChange(sale);
  const changeText = formatYen(change);
  return (
    <section className="sale-complete" data-testid="sale-complete" data-sale-no={sale.saleNo} aria-labelledby="sale-complete-title">
      <h2 id="sale-complete-title">
        {t('saleComplete')} <span className="sale-no">{t('saleNo')} {sale.saleNo}</span>
      </h2>
      <dl className="complete-grid">
        <dt>{t('total')}</dt>
        <dd data-testid="complete-total">{formatYen(sale.totals.total)}</dd>
        {sale.tenders.map((tender, i) =>
          tender.kind === 'wallet' ? (
            <Fragment key={`${tender.kind}-${i}`}>
              <dt className="wallet-label">{t('walletTender')}</dt>
              <dd data-testid="complete-wallet">{formatYen(tender.amount)}</dd>
            </Fragment>
          ) : (
            <Fragment key={`${tender.kind}-${i}`}>
              <dt>{t('received')}</dt>
              <dd data-testid="complete-received">{formatYen(tender.tendered ?? tender.amount)}</dd>
            </Fragment>
          ),
        )}
        <dt className="change-label">{t('change')}</dt>
        {/* --chars lets the stylesheet shrink a long amount to the panel's width rather than cut it off. */}
        <dd className="change-amount" data-testid="change" data-amount={change} style={{ '--chars': changeText.length } as CSSProperties}>
          {changeText}
        </dd>
      </dl>
      <p className="hint">{t('nextSaleHint')}</p>
    </section>
  );
}
