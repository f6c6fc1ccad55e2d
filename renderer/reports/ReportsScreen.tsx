/**
 * Manager reports (#/reports): sales by hour, tender mix, limit blocks and overrides by rule and
 * cashier, outbox age, over a JST day range (#/reports?from=YYYY-MM-DD&to=YYYY-MM-DD), each with CSV export.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SalesReports } from '../../core/records/records-types.js';
import type { RegisterConnection } from '../connection/types.js';
import { formatYen } from '../i18n/format.js';
import { jstDay, jstDayStart } from '../history/search-form.js';
import { apiLink, PageShell, usePageLang } from '../records/page-shell.js';
import { BarChart } from './BarChart.js';
import { ChartFrame } from './ChartFrame.js';
import { HBarChart } from './HBarChart.js';
import { hourlyText, limitText, outboxText, tenderText } from './report-view.js';
import { ShareBar } from './ShareBar.js';

const DAY_MS = 86_400_000;

function hashParam(name: string): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get(name);
}

export function ReportsScreen(props: { connection: RegisterConnection; storage?: Storage }) {
  const api = props.connection.api;
  const { lang, t, setLang } = usePageLang(props.storage);
  // The page's own date only picks the default day; the figures come from the register.
  const today = jstDay(Date.now());
  const [range, setRange] = useState({ from: hashParam('from') ?? today, to: hashParam('to') ?? hashParam('from') ?? today });
  const [report, setReport] = useState<SalesReports | null>(null);
  const [problem, setProblem] = useState<'invalidRange' | 'loadFailed' | null>(null);

  const load = useCallback(
    (r: { from: string; to: string }) => {
      const from = jstDayStart(r.from);
      const toStart = jstDayStart(r.to);
      if (from === null || toStart === null || from > toStart) {
        setProblem('invalidRange');
        return;
      }
      setProblem(null);
      api.salesReports({ from, to: toStart + DAY_MS }).then(setReport, () => setProblem('loadFailed'));
    },
    [api],
  );

  useEffect(() => {
    const stop = props.connection.onStatus((status) => {
      if (status.state === 'connected') load(range);
    });
    return stop;
  }, [props.connection]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    load(range);
  };

  const csv = (name: string) => (report ? apiLink(`/api/reports/${name}.csv`, { from: report.range.from, to: report.range.to }) : null);
  const count = (n: number) => String(n);
  const tenderLabel = (kind: 'cash' | 'wallet') => t(kind === 'cash' ? 'tenderCash' : 'tenderWallet');
  const limitKindLabel = (kind: 'blocked' | 'override') => t(kind === 'blocked' ? 'reportsBlocked' : 'reportsOverride');
  const texts = report && { hourly: hourlyText(report, lang), tenders: tenderText(report, lang), limits: limitText(report, lang), outbox: outboxText(report, lang) };

  return (
    <PageShell t={t} lang={lang} setLang={setLang} title={t('reportsTitle')} current="reports" testId="reports-screen">
      <form className="rec-form rec-range" onSubmit={submit} data-testid="reports-form" noValidate>
        <fieldset>
          <legend>{t('reportsRange')}</legend>
          <label>
            <span>{t('historyFrom')}</span>
            <input type="date" data-testid="reports-from" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label>
            <span>{t('historyTo')}</span>
            <input type="date" data-testid="reports-to" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
          <button type="submit" className="btn primary" data-testid="reports-submit">
            {t('reportsShow')}
          </button>
        </fieldset>
        {problem && (
          <p className="rec-problem" role="alert">
            {t(problem)}
          </p>
        )}
      </form>
      {!report || !texts ? (
        <p className="muted">{t('reportsLoading')}</p>
      ) : (
        <div className="report-grid" data-testid="reports-ready">
          <ChartFrame
            t={t}
            title={t('reportsSalesByHour')}
            testId="report-hourly"
            csvHref={csv('sales-by-hour')}
            empty={texts.hourly.empty ? t('reportsNoData') : null}
            chart={<BarChart testId="chart-hourly" label={texts.hourly.ariaLabel} format={formatYen} bars={report.salesByHour.map((h) => ({ label: String(h.hour), value: h.total }))} />}
            header={[t('reportsHour'), t('reportsSalesCount'), t('reportsAmount')]}
            rows={report.salesByHour.filter((h) => h.sales > 0).map((h) => [h.hour, h.sales, formatYen(h.total)])}
          />
          <ChartFrame
            t={t}
            title={t('reportsTenderMix')}
            testId="report-tenders"
            csvHref={csv('tender-mix')}
            empty={texts.tenders.empty ? t('reportsNoData') : null}
            chart={
              <ShareBar
                testId="chart-tenders"
                label={texts.tenders.ariaLabel}
                format={formatYen}
                parts={report.tenderMix.map((r) => ({ label: tenderLabel(r.kind), value: r.amount, className: `chart-${r.kind}` }))}
              />
            }
            header={[t('historyColTender'), t('reportsCount'), t('reportsAmount')]}
            rows={report.tenderMix.map((r) => [tenderLabel(r.kind), r.count, formatYen(r.amount)])}
          />
          <ChartFrame
            t={t}
            title={t('reportsLimitEvents')}
            testId="report-limits"
            csvHref={report.limitEventsAvailable ? csv('limit-events') : null}
            empty={!report.limitEventsAvailable ? t('reportsLimitsUnavailable') : texts.limits.empty ? t('reportsNoData') : null}
            chart={
              <HBarChart
                testId="chart-limits"
                label={texts.limits.ariaLabel}
                format={count}
                bars={report.limitEvents.map((e) => ({
                  label: `${limitKindLabel(e.kind)}: ${e.rule} / ${e.cashier}`,
                  value: e.count,
                  className: e.kind === 'blocked' ? 'chart-blocked' : 'chart-override',
                }))}
              />
            }
            header={[t('reportsRule'), t('reportsCashier'), t('reportsBlocked'), t('reportsCount')]}
            rows={report.limitEvents.map((e) => [e.rule, e.cashier, limitKindLabel(e.kind), e.count])}
          />
          <ChartFrame
            t={t}
            title={t('reportsOutboxAge')}
            testId="report-outbox"
            csvHref={csv('outbox-age')}
            empty={texts.outbox.empty ? t('reportsNoData') : null}
            chart={
              <HBarChart
                testId="chart-outbox"
                label={texts.outbox.ariaLabel}
                format={count}
                bars={report.outboxAge.flatMap((o) => [
                  { label: `${o.bucket} ${t('reportsPending')}`, value: o.pending },
                  ...(o.parked > 0 ? [{ label: `${o.bucket} ${t('reportsParked')}`, value: o.parked, className: 'chart-blocked' }] : []),
                ])}
              />
            }
            header={[t('reportsAge'), t('reportsPending'), t('reportsParked')]}
            rows={report.outboxAge.map((o) => [o.bucket, o.pending, o.parked])}
          />
        </div>
      )}
    </PageShell>
  );
}
