/**
 * Sale history (#/history): search completed sales by day range, amount, item barcode or wallet
 * transaction id; select one to see its receipt and reprint it (PDF or print). #/history?sale=ID opens one.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SaleSearchResult } from '../../core/records/records-types.js';
import type { RegisterConnection } from '../connection/types.js';
import { formatStoreDateTime, formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';
import { ReceiptPanel } from '../receipt/ReceiptPanel.js';
import { PageShell, useConnected, usePageLang, type T } from '../records/page-shell.js';
import { EMPTY_FIELDS, jstDay, PAGE_SIZE, toQuery, type SearchFields } from './search-form.js';
import { RefundPanel } from './RefundPanel.js';

function hashParam(name: string): string | null {
  const query = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get(name);
}

const FIELDS: readonly { name: keyof SearchFields; label: UiKey; type: 'date' | 'text'; inputMode?: 'numeric' }[] = [
  { name: 'from', label: 'historyFrom', type: 'date' },
  { name: 'to', label: 'historyTo', type: 'date' },
  { name: 'minTotal', label: 'historyMinTotal', type: 'text', inputMode: 'numeric' },
  { name: 'maxTotal', label: 'historyMaxTotal', type: 'text', inputMode: 'numeric' },
  { name: 'barcode', label: 'historyBarcode', type: 'text', inputMode: 'numeric' },
  { name: 'walletTransactionId', label: 'historyWalletTx', type: 'text' },
];

export function HistoryScreen(props: { connection: RegisterConnection; storage?: Storage }) {
  const api = props.connection.api;
  const { lang, t, setLang } = usePageLang(props.storage);
  const [fields, setFields] = useState<SearchFields>(() => ({ ...EMPTY_FIELDS, from: hashParam('from') ?? '', to: hashParam('to') ?? '' }));
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<SaleSearchResult | null>(null);
  const [problem, setProblem] = useState<UiKey | null>(null);
  const [selected, setSelected] = useState<string | null>(() => hashParam('sale'));
  const connected = useConnected(props.connection);

  const search = useCallback(
    (nextFields: SearchFields, nextPage: number) => {
      const parsed = toQuery(nextFields, nextPage);
      if (!parsed.ok) {
        setProblem(parsed.problem);
        return;
      }
      setProblem(null);
      api.searchSales(parsed.query).then(
        (found) => {
          setResult(found);
          setPage(nextPage);
        },
        () => setProblem('loadFailed'),
      );
    },
    [api],
  );

  // The first search runs once the connection is up (a call before that would fail).
  useEffect(() => {
    const stop = props.connection.onStatus((status) => {
      if (status.state === 'connected') search(fields, page);
    });
    return stop;
  }, [props.connection]);

  // The selected sale goes into the address (#/history?sale=ID), so a reload or a shared link shows it again.
  const select = (saleId: string) => {
    setSelected(saleId);
    const [route, query] = window.location.hash.split('?');
    const params = new URLSearchParams(query ?? '');
    params.set('sale', saleId);
    window.history.replaceState(null, '', `${route}?${params.toString()}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(fields, 0);
  };

  return (
    <PageShell t={t} lang={lang} setLang={setLang} title={t('historyTitle')} current="history" testId="history-screen">
      <div className="rec-columns">
        <section className="rec-panel" aria-labelledby="history-search-title">
          <h2 id="history-search-title">{t('historySearch')}</h2>
          <form className="rec-form" onSubmit={submit} data-testid="history-form" noValidate>
            {FIELDS.map((f) => (
              <label key={f.name}>
                <span>{t(f.label)}</span>
                <input
                  type={f.type}
                  name={f.name}
                  data-testid={`history-${f.name}`}
                  value={fields[f.name]}
                  {...(f.inputMode ? { inputMode: f.inputMode } : {})}
                  onChange={(e) => setFields({ ...fields, [f.name]: e.target.value })}
                />
              </label>
            ))}
            {problem && (
              <p className="rec-problem" role="alert" data-testid="history-problem">
                {t(problem)}
              </p>
            )}
            <div className="rec-buttons">
              <button type="submit" className="btn primary" data-testid="history-submit">
                {t('historySearch')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setFields(EMPTY_FIELDS);
                  search(EMPTY_FIELDS, 0);
                }}
              >
                {t('historyReset')}
              </button>
            </div>
          </form>
        </section>
        <ResultsPanel t={t} result={result} page={page} selected={selected} onSelect={select} onPage={(p) => search(fields, p)} />
        <section className="rec-panel rec-receipt" aria-label={t('receipt')}>
          <h2>{t('receipt')}</h2>
          {selected && connected ? (
            <>
              <ReceiptPanel api={api} lang={lang} saleId={selected} reprint />
              <RefundPanel key={selected} api={api} t={t} saleId={selected} onRefunded={() => search(fields, page)} />
            </>
          ) : (
            <p className="muted">{t('historySelectHint')}</p>
          )}
        </section>
      </div>
    </PageShell>
  );
}

function ResultsPanel(props: {
  t: T;
  result: SaleSearchResult | null;
  page: number;
  selected: string | null;
  onSelect: (saleId: string) => void;
  onPage: (page: number) => void;
}) {
  const { t, result, page } = props;
  const pages = result ? Math.max(1, Math.ceil(result.matched / PAGE_SIZE)) : 1;
  return (
    <section className="rec-panel rec-results" aria-labelledby="history-results-title">
      <h2 id="history-results-title">
        {t('historyResults')}{' '}
        {result && (
          <span className="muted" data-testid="history-matched">
            {result.matched} {t('historyMatched')}
          </span>
        )}
      </h2>
      {result && result.sales.length === 0 && <p className="muted">{t('historyNone')}</p>}
      {result && result.sales.length > 0 && (
        <table className="rec-table" data-testid="history-results">
          <thead>
            <tr>
              <th scope="col">{t('saleNo')}</th>
              <th scope="col">{t('historyColTime')}</th>
              <th scope="col">{t('historyColTender')}</th>
              <th scope="col" className="col-num">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.sales.map((s) => (
              <tr key={s.saleId} className={s.saleId === props.selected ? 'selected' : undefined} data-testid="history-row" data-sale-no={s.saleNo}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${t('historyShowReceipt')} ${t('saleNo')} ${s.saleNo}`}
                    aria-pressed={s.saleId === props.selected}
                    onClick={() => props.onSelect(s.saleId)}
                  >
                    No.{s.saleNo}
                  </button>
                </td>
                <td data-dynamic="time" title={jstDay(s.completedAt)}>
                  {formatStoreDateTime(s.completedAt)}
                </td>
                <td>{s.tenderKinds.map((k) => t(k === 'cash' ? 'tenderCash' : 'tenderWallet')).join(' + ')}</td>
                <td className="col-num">
                  {formatYen(s.total)}
                  {s.refund && (
                    <span className={`refund-badge ${s.refund}`} data-testid="history-refund" data-refund={s.refund}>
                      {t(s.refund === 'completed' ? 'refundBadgeDone' : 'refundBadgePending')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && pages > 1 && (
        <div className="rec-buttons">
          <button type="button" className="btn" disabled={page === 0} onClick={() => props.onPage(page - 1)}>
            {t('historyPrev')}
          </button>
          <span>
            {page + 1} / {pages}
          </span>
          <button type="button" className="btn" disabled={page + 1 >= pages} onClick={() => props.onPage(page + 1)}>
            {t('historyNext')}
          </button>
        </div>
      )}
    </section>
  );
}
