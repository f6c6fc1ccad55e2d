/**
 * The cashier screen: basket, totals, keyed entry, cash tender, scanners, recent sales.
 * Every operation goes through RegisterApi; this component only keeps what is on screen
 * (selection, typed text, which panel is open).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RegisterState } from '../../core/api.js';
import type { BasketLine } from '../../core/domain/basket.js';
import type { MessageLevel, MessageParams } from '../../core/domain/messages.js';
import type { RegisterConnection } from '../connection/types.js';
import type { Lang } from '../i18n/dictionary.js';
import { fillText } from '../i18n/screens-text.js';
import { loadLang, saveLang, translate, uiText, type UiKey } from '../i18n/translate.js';
import { bannerMessage, messageKey } from './banner.js';
import { BasketTable } from './BasketTable.js';
import { CodeEntry } from './CodeEntry.js';
import { Header } from './Header.js';
import { keyAction, type KeyAction, type KeyContext } from './keys.js';
import { MessageBanner } from './MessageBanner.js';
import { RecentSales } from './RecentSales.js';
import { SaleComplete } from './SaleComplete.js';
import { ReceiptPanel } from '../receipt/ReceiptPanel.js';
import { ScannerPanel } from './ScannerPanel.js';
import { moveSelection, parseQuantity, reconcileSelection, stepQuantity } from './selection.js';
import { ShortcutStrip } from './ShortcutStrip.js';
import { TenderPanel } from './TenderPanel.js';
import { TotalsPanel } from './TotalsPanel.js';
import { useRegister } from './use-register.js';
import { useWedge } from './use-wedge.js';
import { useWalletKeys, walletPhase, WalletPaidNote, WalletPanel } from '../wallet/WalletPanel.js';
import { OverridePrompt } from '../limits/OverridePrompt.js';

interface LocalProblem {
  level: MessageLevel;
  text: string;
  code: string;
  /** The newest register message when this happened: a newer one replaces the local problem. */
  after: string | null;
}

/** Errors the register already reported as a message; showing them again would repeat the banner. */
const REPORTED_BY_REGISTER = new Set(['sale.emptyBasket', 'sale.insufficientCash', 'limit.blocked', 'limit.overrideRequired', 'age.confirmationRequired', 'wallet.busy']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function CashierScreen(props: { connection: RegisterConnection; storage?: Storage }) {
  const { connection, storage } = props;
  const api = connection.api;
  const [lang, setLang] = useState<Lang>(() => loadLang(storage));
  const t = useCallback((key: UiKey) => uiText(key, lang), [lang]);
  const [code, setCode] = useState('');
  const [tenderOpen, setTenderOpen] = useState(false);
  const [walletOpen, setWalletOpen] = useState(false);
  const [tendered, setTendered] = useState('');
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  /** The newest message when the cashier moved on (dismissed the banner, opened the tender): it and older ones are done. */
  const [clearedKey, setClearedKey] = useState<string | null>(null);
  const [local, setLocal] = useState<LocalProblem | null>(null);
  const codeRef = useRef<HTMLInputElement | null>(null);
  const tenderRef = useRef<HTMLInputElement | null>(null);
  const latestKeyRef = useRef<string | null>(null);

  const reportError = useCallback(
    (error: unknown) => {
      const c = errorCode(error);
      if (c !== undefined && REPORTED_BY_REGISTER.has(c)) return;
      const text =
        c === 'not-available'
          ? uiText('notConnected', lang)
          : `${uiText('requestFailed', lang)}: ${error instanceof Error ? error.message : String(error)}`;
      setLocal({ level: 'error', text, code: c ?? 'error', after: latestKeyRef.current });
    },
    [lang],
  );

  const view = useRegister(connection, reportError);
  const state = view.state;
  const lines = useMemo(() => state?.lines ?? [], [state]);
  const latestKey = view.messages[0] ? messageKey(view.messages[0]) : null;
  latestKeyRef.current = latestKey;
  const connected = view.status.state === 'connected';
  const completed = state?.phase === 'completed' && state.lastSale !== null;
  const walletProgress = state?.wallet ?? null;
  const wallet = walletPhase(walletProgress);
  /** Yen already paid by wallet toward this sale (split tender): the rest is due in cash. */
  const walletPaid = walletProgress?.paid ?? 0;
  const warn = useCallback(
    (code: 'sale.emptyBasket' | 'wallet.busy' | 'wallet.partPaid', params: MessageParams = {}) =>
      setLocal({ level: 'warning', code, text: translate(code, params, lang), after: latestKeyRef.current }),
    [lang],
  );
  const openWallet = useCallback(() => {
    if (!connected) return;
    if (completed || lines.length === 0) return warn('sale.emptyBasket');
    if (wallet === 'paid') return warn('wallet.partPaid', { amount: walletPaid });
    setTenderOpen(false);
    setWalletOpen(true);
  }, [connected, completed, lines.length, wallet, walletPaid, warn]);
  const walletShown = useWalletKeys({
    open: walletOpen,
    setOpen: setWalletOpen,
    progress: walletProgress,
    canOpen: connected && !completed && lines.length > 0 && !tenderOpen,
    onF5: openWallet,
  });

  // Keep the selection on a line that exists; a scan moves it to the scanned line. Adjusted while rendering the new
  // state (React's pattern for state that follows a prop), not in an effect: an effect committed the scanned line
  // first and its selection in a second render, a task later, sometimes a frame later.
  const [selectionState, setSelectionState] = useState<RegisterState | null>(null);
  if (state && state !== selectionState) {
    setSelectionState(state);
    setSelected(reconcileSelection(state.lines, selected, selectionState?.lastLineId ?? null, state.lastLineId));
  }

  // The tender panel only makes sense for an open, non-empty sale.
  useEffect(() => {
    if (tenderOpen && (lines.length === 0 || completed)) setTenderOpen(false);
  }, [tenderOpen, lines.length, completed]);

  // Focus follows the task: the amount while tendering, otherwise the code input (where a wedge scanner types). The
  // wallet panel focuses its own field; when it closes (a wallet sale done), focus comes back here, not to <body>.
  useEffect(() => {
    if (walletShown) return;
    (tenderOpen ? tenderRef : codeRef).current?.focus();
  }, [tenderOpen, connected, walletShown]);

  // After a pointer action the button keeps focus, and a later Enter (or a wedge scanner's suffix)
  // would press it again: hand focus back to where typing belongs.
  const refocus = useCallback(() => {
    (tenderOpen ? tenderRef : codeRef).current?.focus();
  }, [tenderOpen]);

  const run = useCallback(
    async (operation: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      try {
        await operation();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reportError],
  );

  const showInvalid = useCallback(
    (reason: string) => {
      setLocal({ level: 'warning', code: 'input.invalid', text: translate('input.invalid', { reason }, lang), after: latestKeyRef.current });
    },
    [lang],
  );

  const submitCode = useCallback(() => {
    const data = code.trim();
    if (data === '') {
      if (completed) void run(() => api.newSale());
      return;
    }
    setCode('');
    void run(() => api.scan({ data, source: 'keyboard' }));
  }, [api, code, completed, run]);

  // A keyboard-wedge scanner types like a keyboard: its bursts become scanner reads, typing stays typing.
  const wedgeStatus = useWedge({ codeRef, code, setCode, onScan: (scan) => void run(() => api.scan({ data: scan.data, source: 'scanner' })) });

  const selectedLine = lines.find((l) => l.lineId === selected) ?? null;

  const step = useCallback(
    (line: BasketLine, delta: number) => {
      const quantity = stepQuantity(line.quantity, delta);
      if (quantity !== null) void run(() => api.setQuantity({ lineId: line.lineId, quantity }));
    },
    [api, run],
  );

  const voidLine = useCallback((line: BasketLine) => void run(() => api.voidLine({ lineId: line.lineId })), [api, run]);

  const openTender = useCallback(() => {
    if (completed || lines.length === 0) return warn('sale.emptyBasket');
    // A wallet payment under way decides the sale; no cash until its outcome is known (the register refuses it too).
    if (wallet === 'running') return warn('wallet.busy');
    // Cash instead of the wallet: the register stops waiting for the customer's code. Also when this screen has not
    // seen it armed yet (F5 then F4 at once): the abort follows the panel's arming on the one socket, in order.
    if (wallet === 'armed' || walletShown) {
      setWalletOpen(false);
      void run(() => api.abortWallet());
    }
    setTendered('');
    setTenderOpen(true);
    // Taking payment is what a warning about the open sale asked for (F1's "still open"): what was said before goes.
    setLocal(null);
    setClearedKey(latestKeyRef.current);
  }, [completed, lines.length, wallet, walletShown, warn, run, api]);

  const abortWallet = useCallback(() => {
    setWalletOpen(false);
    void run(() => api.abortWallet());
  }, [api, run]);

  const closeTender = useCallback(() => {
    setTenderOpen(false);
    setTendered('');
  }, []);

  const pay = useCallback(
    (amount: number) => {
      void run(() => api.payCash({ tendered: amount })).then((ok) => {
        if (ok) closeTender();
      });
    },
    [api, closeTender, run],
  );

  const banner = useMemo(() => {
    if (local && local.after === latestKey) return { level: local.level, text: local.text, code: local.code, key: null };
    const message = bannerMessage(view.messages, clearedKey);
    if (!message) return null;
    return { level: message.level, text: translate(message.code, message.params, lang), code: message.code, key: messageKey(message) };
  }, [local, latestKey, view.messages, clearedKey, lang]);

  const dismissBanner = useCallback(() => {
    setLocal(null);
    if (banner?.key) setClearedKey(banner.key);
    refocus();
  }, [banner, refocus]);

  const perform = useCallback(
    (action: KeyAction) => {
      switch (action.kind) {
        case 'newSale':
          closeTender();
          setCode('');
          void run(() => api.newSale());
          return;
        case 'openTender':
          return openTender();
        case 'closeTender':
          closeTender();
          codeRef.current?.focus();
          return;
        case 'abortWallet':
          return abortWallet();
        case 'dismissBanner':
          return dismissBanner();
        case 'clearCode':
          return setCode('');
        case 'select':
          return setSelected((current) => moveSelection(lines, current, action.delta));
        case 'voidSelected':
          if (selectedLine) voidLine(selectedLine);
          return;
        case 'stepQuantity':
          if (selectedLine) step(selectedLine, action.delta);
          return;
        case 'setQuantity': {
          if (!selectedLine) return;
          const parsed = parseQuantity(code);
          setCode('');
          if (!parsed.ok) return showInvalid(fillText(t(parsed.problem), { got: parsed.got }));
          void run(() => api.setQuantity({ lineId: selectedLine.lineId, quantity: parsed.quantity }));
          return;
        }
        case 'submitCode':
          return submitCode();
        case 'typeIntoCode':
          setCode((c) => c + action.char);
          codeRef.current?.focus();
          return;
      }
    },
    [abortWallet, api, closeTender, code, dismissBanner, lines, openTender, run, selectedLine, showInvalid, step, submitCode, voidLine],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      const target = event.target;
      let where: KeyContext['target'] = 'page';
      if (target === codeRef.current) where = 'code';
      else if (target === tenderRef.current) where = 'tender';
      else if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
        where = 'other-field';
      } else if (target instanceof HTMLButtonElement) where = 'button';
      const walletEntering = walletShown && (wallet === 'none' || wallet === 'armed');
      const action = keyAction({ key: event.key, tenderOpen, walletEntering, bannerShown: banner !== null, code, target: where });
      if (!action) return;
      event.preventDefault();
      perform(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [banner, code, perform, tenderOpen, wallet, walletShown]);

  const toggleLang = () => {
    const next: Lang = lang === 'ja' ? 'en' : 'ja';
    setLang(next);
    saveLang(storage, next);
    refocus();
  };

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const totals = completed && state?.lastSale ? state.lastSale.totals : state?.totals;
  // "Scan the customer's code" holds only while the register waits for it (not after a bad amount disarmed it, or
  // once the code is being paid).
  const newest = view.messages[0];
  const latestInfo = newest?.level === 'info' && (newest.code !== 'wallet.enterCode' || wallet === 'armed') ? newest : null;

  return (
    <div className="app">
      <Header
        t={t}
        lang={lang}
        onToggleLang={toggleLang}
        registerId={state?.registerId ?? null}
        saleNo={state?.saleNo ?? null}
        mode={state?.mode ?? null}
        status={view.status}
        sync={state?.sync ?? null}
      />
      <main className={connected ? 'main' : 'main stale'} aria-busy={!connected}>
        <section className="left" aria-label={t('basket')}>
          <div className="banner-slot" aria-live="assertive">
            {banner && <MessageBanner t={t} level={banner.level} text={banner.text} code={banner.code} onDismiss={dismissBanner} />}
          </div>
          {completed && state?.lastSale ? (
            <div className="complete-with-receipt">
              <SaleComplete t={t} sale={state.lastSale} />
              <ReceiptPanel api={api} lang={lang} saleId={state.lastSale.saleId} sale={state.lastSale} />
            </div>
          ) : (
            <BasketTable
              t={t}
              lang={lang}
              lines={lines}
              lastLineId={state?.lastLineId ?? null}
              selected={selected}
              onSelect={(lineId) => {
                setSelected(lineId);
                refocus();
              }}
              onStep={(line, delta) => {
                step(line, delta);
                refocus();
              }}
              onVoid={(line) => {
                voidLine(line);
                refocus();
              }}
            />
          )}
          <OverridePrompt connection={connection} state={state} t={t} />
          <p className="last-info" role="status" aria-live="polite" data-testid="last-message">
            {latestInfo ? translate(latestInfo.code, latestInfo.params, lang) : ''}
          </p>
          {tenderOpen && totals ? (
            <TenderPanel
              t={t}
              inputRef={tenderRef}
              due={totals.total - walletPaid}
              walletPaid={walletPaid}
              value={tendered}
              busy={busy}
              onChange={setTendered}
              onPay={pay}
              onInvalid={showInvalid}
              onCancel={closeTender}
            />
          ) : walletShown && totals ? (
            <WalletPanel t={t} lang={lang} api={api} due={totals.total - walletPaid} progress={walletProgress} run={run} onInvalid={showInvalid} onClose={() => setWalletOpen(false)} />
          ) : (
            <CodeEntry t={t} inputRef={codeRef} value={code} onChange={setCode} onSubmit={submitCode} disabled={!connected} />
          )}
        </section>
        <aside className="right" aria-label={t('totals')}>
          {totals && <TotalsPanel t={t} totals={totals} />}
          {totals && !completed && (
            <WalletPaidNote t={t} paid={walletPaid} total={totals.total} cancelling={wallet === 'running'} onCancel={abortWallet} />
          )}
          <div className="actions">
            <button type="button" className="btn primary big" data-testid="pay-cash" onClick={openTender} disabled={!connected || completed || lines.length === 0}>
              {t('payCash')} <kbd>F4</kbd>
            </button>
            <button type="button" className="btn big" data-testid="pay-wallet" onClick={openWallet} disabled={!connected || completed || lines.length === 0 || walletShown}>
              {t('walletPay')} <kbd>F5</kbd>
            </button>
            <button type="button" className="btn big" data-testid="new-sale" onClick={() => {
                perform({ kind: 'newSale' });
                refocus();
              }} disabled={!connected}>
              {t('newSale')} <kbd>F1</kbd>
            </button>
          </div>
          <ScannerPanel t={t} scanners={[...(state?.scanners ?? []), wedgeStatus]} />
          <RecentSales t={t} sales={view.recentSales} />
          <a className="history-link" href="#/history" data-testid="history-link">{t('navHistory')}</a>
        </aside>
      </main>
      <ShortcutStrip t={t} />
    </div>
  );
}
