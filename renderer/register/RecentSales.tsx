import type { SaleSummary } from '../../core/ports.js';
import { formatTime, formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';

export function RecentSales(props: { t: (key: UiKey) => string; sales: readonly SaleSummary[] }) {
  const { t, sales } = props;
  return (
    <section className="panel recent" data-testid="recent-sales" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('recentSales')}</h2>
      {sales.length === 0 && <p className="muted">{t('noRecentSales')}</p>}
      <ol>
        {sales.map((s) => (
          <li key={s.saleId} data-testid="recent-sale" data-sale-no={s.saleNo} data-total={s.total}>
            <span className="recent-no">No.{s.saleNo}</span>
            <span className="recent-time">{formatTime(s.completedAt)}</span>
            <span className="recent-items">
              {s.itemCount}
              {t('itemsSuffix')}
            </span>
            <span className="recent-total">{formatYen(s.total)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
