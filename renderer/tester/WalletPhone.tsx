/**
 * The customer's "phone" on the tester panel: pick or create a sandbox wallet, see its balance and its live
 * one-time code as a Code 128 barcode (bwip-js), and "scan it" through a simulated serial scanner, exactly as a
 * cashier's scanner would read the phone's screen.
 */
import bwipjs from 'bwip-js/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatYen } from '../i18n/format.js';
import { fillText } from '../i18n/screens-text.js';
import type { T } from '../i18n/LangToggle.js';
import { controlApi } from './control-api.js';

interface WalletView {
  walletId: string;
  name: string;
  balance: number;
  frozen: boolean;
}

interface LiveCode {
  code: string;
  expiresAt: number;
}

export function WalletPhone(props: { scannerId?: string; t: T }) {
  const { t } = props;
  const [wallets, setWallets] = useState<WalletView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [balance, setBalance] = useState('20000');
  const [live, setLive] = useState<LiveCode | null>(null);
  const [status, setStatus] = useState('');
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const current = wallets.find((w) => w.walletId === selected) ?? null;

  const report = (error: unknown) => setStatus(error instanceof Error ? error.message : String(error));

  const refresh = useCallback(async () => {
    const list = await controlApi<WalletView[]>('GET', '/api/sim/wallets');
    setWallets(list);
    setSelected((s) => s ?? list[list.length - 1]?.walletId ?? null);
  }, []);

  useEffect(() => {
    refresh().catch(report);
  }, [refresh]);

  // The code changes every step (60 s): fetch a fresh one before it expires, and the balance with it.
  useEffect(() => {
    if (!selected) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const [code, wallet] = await Promise.all([
          controlApi<LiveCode>('GET', `/api/sim/wallets/${encodeURIComponent(selected)}/code`),
          controlApi<WalletView>('GET', `/api/sim/wallets/${encodeURIComponent(selected)}`),
        ]);
        if (stop) return;
        setLive(code);
        // Added if missing: the first list load can answer after a wallet was created, without it.
        setWallets((list) => (list.some((w) => w.walletId === wallet.walletId) ? list.map((w) => (w.walletId === wallet.walletId ? wallet : w)) : [...list, wallet]));
        timer = setTimeout(() => void tick(), Math.min(5_000, Math.max(1_000, code.expiresAt - Date.now())));
      } catch (error) {
        if (!stop) report(error);
        timer = setTimeout(() => void tick(), 5_000);
      }
    };
    void tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [selected]);

  useEffect(() => {
    if (!live || !canvasRef.current) return;
    try {
      bwipjs.toCanvas(canvasRef.current, { bcid: 'code128', text: live.code, scale: 3, height: 14, includetext: false });
    } catch (error) {
      report(error);
    }
  }, [live]);

  const create = async () => {
    const amount = Number(balance);
    if (!Number.isSafeInteger(amount) || amount < 0) return setStatus(t('tstPhoneBadBalance'));
    const wallet = await controlApi<WalletView>('POST', '/api/sim/wallets', { balance: amount });
    setWallets((list) => [...list, wallet]);
    setSelected(wallet.walletId);
    setStatus(fillText(t('tstPhoneCreated'), { id: wallet.walletId }));
  };

  const scan = async () => {
    if (!live) return;
    const scanners = await controlApi<{ id: string }[]>('GET', '/api/sim/scanners');
    const id = props.scannerId ?? scanners[0]?.id;
    if (!id) return setStatus(t('tstPhoneNoScanner'));
    await controlApi('POST', `/api/sim/scanners/${encodeURIComponent(id)}/scan`, { data: live.code, aimId: ']C0' });
    setStatus(fillText(t('tstPhoneScanned'), { id }));
  };

  return (
    <section className="panel" aria-labelledby="phone-title" data-testid="wallet-phone">
      <h2 id="phone-title">{t('tstPhone')}</h2>
      <div className="wallet-list">
        {wallets.map((w) => (
          <button key={w.walletId} type="button" className={`btn ${w.walletId === selected ? 'primary' : ''}`} onClick={() => setSelected(w.walletId)}>
            {w.name || w.walletId}
          </button>
        ))}
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create().catch(report);
        }}
      >
        <label htmlFor="phone-balance">{t('tstBalance')} ¥</label>
        <input id="phone-balance" data-testid="phone-balance-input" inputMode="numeric" value={balance} onChange={(e) => setBalance(e.target.value.replace(/[^0-9]/g, ''))} />
        <button type="submit" className="btn" data-testid="phone-create">
          {t('tstCreateWallet')}
        </button>
      </form>
      {current && (
        <div className="phone">
          <div>
            {current.name || current.walletId} {current.frozen ? t('tstFrozen') : ''}
          </div>
          <div className="wallet-balance" data-testid="phone-balance">
            {formatYen(current.balance)}
          </div>
          <canvas ref={canvasRef} data-testid="phone-barcode" />
          <div className="wallet-code-text" data-testid="phone-code">
            {live?.code ?? '…'}
          </div>
          <button type="button" className="btn primary" data-testid="phone-scan" disabled={!live} onClick={() => scan().catch(report)}>
            {t('tstScanIt')}
          </button>
        </div>
      )}
      <p role="status" data-testid="phone-status">
        {status}
      </p>
    </section>
  );
}
