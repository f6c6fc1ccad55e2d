import type { CSSProperties } from 'react';
import type { CompletedSale } from '../../core/domain/sale.js';
import { formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';

export function SaleComplete(props: { t: (key: UiKey) => string; sale: CompletedSale }) {
  const { t, sale } = props;
  const cash = sale.tenders.find((tender) => tender.kind === 'cash');
  const received = cash?.tendered ?? sale.totals.total;
  const change = cash?.change ?? 0;
  const changeText = formatYen(change);
  return (
    <section className="sale-complete" data-testid="sale-complete" data-sale-no={sale.saleNo} aria-labelledby="sale-complete-title">
      <h2 id="sale-complete-title">
        {t('saleComplete')} <span className="sale-no">{t('saleNo')} {sale.saleNo}</span>
      </h2>
      <dl className="complete-grid">
        <dt>{t('total')}</dt>
        <dd data-testid="complete-total">{formatYen(sale.totals.total)}</dd>
        <dt>{t('received')}</dt>
        <dd data-testid="complete-received">{formatYen(received)}</dd>
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
