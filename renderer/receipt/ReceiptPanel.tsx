/** Loads a sale's receipt (sale + store settings) and shows it with reprint actions: PDF and print. */
import { useEffect, useState } from 'react';
import type { RegisterApi } from '../../core/api.js';
import { buildReceipt, type Receipt as ReceiptModel } from '../../core/domain/receipt/receipt.js';
import type { CompletedSale } from '../../core/domain/sale.js';
import type { Lang } from '../i18n/dictionary.js';
import { uiText } from '../i18n/translate.js';
import { apiLink } from '../records/page-shell.js';
import { Receipt } from './Receipt.js';

type Loaded = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'ok'; receipt: ReceiptModel };

export function ReceiptPanel(props: { api: RegisterApi; lang: Lang; saleId: string; sale?: CompletedSale; reprint?: boolean }) {
  const { api, lang, saleId, sale } = props;
  const t = (key: Parameters<typeof uiText>[0]) => uiText(key, lang);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    setLoaded({ kind: 'loading' });
    Promise.all([sale ? Promise.resolve(sale) : api.getSale({ saleId }), api.getStoreSettings()])
      .then(([found, store]) => {
        if (live) setLoaded(found ? { kind: 'ok', receipt: buildReceipt(found, store) } : { kind: 'missing' });
      })
      .catch(() => {
        if (live) setLoaded({ kind: 'failed' });
      });
    return () => {
      live = false;
    };
  }, [api, saleId, sale]);

  const pdf = apiLink(`/api/sales/${encodeURIComponent(saleId)}/receipt.pdf`, { lang });
  return (
    <section className="receipt-panel" aria-label={t('receipt')} data-testid="receipt-panel">
      {loaded.kind === 'loading' && <p className="muted">{t('receiptLoading')}</p>}
      {loaded.kind === 'missing' && <p role="alert">{t('receiptNotFound')}</p>}
      {loaded.kind === 'failed' && <p role="alert">{t('loadFailed')}</p>}
      {loaded.kind === 'ok' && (
        <>
          <div className="receipt-scroll">
            <Receipt receipt={loaded.receipt} lang={lang} />
          </div>
          <div className="receipt-actions">
            {pdf && (
              <a className="btn" href={pdf} target="_blank" rel="noopener" data-testid="receipt-pdf">
                {props.reprint ? `${t('receiptReprint')} (PDF)` : t('receiptPdf')}
              </a>
            )}
            <button type="button" className="btn" data-testid="receipt-print" onClick={() => window.print()}>
              {t('receiptPrint')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
