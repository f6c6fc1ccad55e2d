/** Turns SalesReports into what the charts show and what their aria-labels read out (pure, tested). */
import type { SalesReports } from '../../core/records/records-types.js';
import type { Lang } from '../i18n/dictionary.js';
import { formatYen } from '../i18n/format.js';
import { uiText } from '../i18n/translate.js';

export interface ChartText {
  /** Read by screen readers in place of the picture: every number shown. */
  ariaLabel: string;
  empty: boolean;
}

export function hourlyText(report: SalesReports, lang: Lang): ChartText {
  const t = (k: Parameters<typeof uiText>[0]) => uiText(k, lang);
  const busy = report.salesByHour.filter((h) => h.sales > 0);
  const parts = busy.map((h) => (lang === 'ja' ? `${h.hour}時 ${h.sales}件 ${formatYen(h.total)}` : `${h.hour}:00 ${h.sales} sales ${formatYen(h.total)}`));
  const total = busy.reduce((s, h) => s + h.total, 0);
  return { ariaLabel: `${t('reportsSalesByHour')}: ${t('reportsTotalSales')} ${formatYen(total)}; ${parts.join('; ')}`, empty: busy.length === 0 };
}

export function tenderText(report: SalesReports, lang: Lang): ChartText {
  const t = (k: Parameters<typeof uiText>[0]) => uiText(k, lang);
  const total = report.tenderMix.reduce((s, r) => s + r.amount, 0);
  const parts = report.tenderMix.map((r) => {
    const pct = total === 0 ? 0 : Math.round((r.amount / total) * 100);
    return `${t(r.kind === 'cash' ? 'tenderCash' : 'tenderWallet')} ${formatYen(r.amount)} (${pct}%, ${r.count}${lang === 'ja' ? '件' : ' tenders'})`;
  });
  return { ariaLabel: `${t('reportsTenderMix')}: ${parts.join('; ')}`, empty: total === 0 };
}

export function limitText(report: SalesReports, lang: Lang): ChartText {
  const t = (k: Parameters<typeof uiText>[0]) => uiText(k, lang);
  const parts = report.limitEvents.map((e) => `${t(e.kind === 'blocked' ? 'reportsBlocked' : 'reportsOverride')} ${e.rule} / ${e.cashier}: ${e.count}`);
  return { ariaLabel: `${t('reportsLimitEvents')}: ${parts.join('; ')}`, empty: report.limitEvents.length === 0 };
}

export function outboxText(report: SalesReports, lang: Lang): ChartText {
  const t = (k: Parameters<typeof uiText>[0]) => uiText(k, lang);
  const parts = report.outboxAge.map((o) => `${o.bucket}: ${t('reportsPending')} ${o.pending}, ${t('reportsParked')} ${o.parked}`);
  const any = report.outboxAge.some((o) => o.pending + o.parked > 0);
  return { ariaLabel: `${t('reportsOutboxAge')}: ${parts.join('; ')}`, empty: !any };
}
