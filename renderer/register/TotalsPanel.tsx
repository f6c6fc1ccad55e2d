import type { BasketTotals } from '../../core/domain/basket.js';
import { formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';

/** Total plus the invoice-style breakdown: "8%対象 ¥X (内消費税 ¥Y)" per rate. */
export function TotalsPanel(props: { t: (key: UiKey) => string; totals: BasketTotals }) {
  const { t, totals } = props;
  const rows = [8, 10].map((rate) => ({ rate, row: totals.taxes.find((r) => r.ratePercent === rate) }));
  return (
    <section className="panel totals" aria-label={t('totals')}>
      <div className="total-line">
        <span className="total-label">{t('total')}</span>
        <span className="total-amount" data-testid="total" aria-live="polite">
          {formatYen(totals.total)}
        </span>
      </div>
      <div className="item-count">
        {t('itemCount')} <span data-testid="item-count">{totals.itemCount}</span>
        {t('itemsSuffix')}
      </div>
      <dl className="tax-rows">
        {rows.map(({ rate, row }) => (
          <div className="tax-row" key={rate} data-testid={`tax-${rate}`} data-gross={row?.gross ?? 0} data-tax={row?.tax ?? 0}>
            <dt>
              {rate}%{t('taxableAt')}
              {rate === 8 ? '※' : ''}
            </dt>
            <dd>
              {formatYen(row?.gross ?? 0)} ({t('taxIncluded')} {formatYen(row?.tax ?? 0)})
            </dd>
          </div>
        ))}
      </dl>
      <p className="reduced-note">{t('reducedNote')}</p>
    </section>
  );
}
