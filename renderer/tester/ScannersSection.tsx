/**
 * Simulated scanners in the tester panel: add / remove of each kind, pick one, scan a code (optionally
 * with an AIM id and realistic timing), inject each fault, unplug / replug. Every action goes through the
 * control API; the result log shows what the register's driver made of it and what the register said.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from '../i18n/dictionary.js';
import type { T } from '../i18n/LangToggle.js';
import { translate } from '../i18n/translate.js';
import { SCANNER_STATE_TEXT } from '../register/ScannerPanel.js';
import { controlApi } from './control-api.js';
import { SIM_KINDS, describeDelivery, type FaultAnswer, type ResultEntry, type ScanAnswer, type SimKind, type SimScanner } from './sim-types.js';

const POLL_MS = 1000;
const DEMO_CODES = ['4987301000105', '4962106000109', '4566010000103'];

export function ScannersSection(props: { t: T; lang: Lang }) {
  const { t } = props;
  const [scanners, setScanners] = useState<SimScanner[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string>('');
  const [kind, setKind] = useState<SimKind>('hid-pos');
  const [code, setCode] = useState(DEMO_CODES[0]!);
  const [aimId, setAimId] = useState('');
  const [realistic, setRealistic] = useState(false);
  const [fault, setFault] = useState('');
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<ResultEntry[]>([]);

  const refresh = useCallback(async () => {
    try {
      const list = await controlApi<SimScanner[]>('GET', '/api/sim/scanners');
      setScanners(list);
      setListError(null);
      setPicked((current) => (list.some((s) => s.id === current) ? current : (list[0]?.id ?? '')));
    } catch (error) {
      setListError(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const current = scanners.find((s) => s.id === picked);
  useEffect(() => {
    if (current && !current.faults.includes(fault)) setFault(current.faults[0] ?? '');
  }, [current, fault]);

  const record = (scanner: string, action: string, outcome: ResultEntry['outcome'], text: string) =>
    setLog((entries) => [{ n: (entries[0]?.n ?? 0) + 1, scanner, action, outcome, text }, ...entries].slice(0, 30));

  const act = async (scanner: string, action: string, operation: () => Promise<{ outcome: ResultEntry['outcome']; text: string }>) => {
    setBusy(true);
    try {
      const { outcome, text } = await operation();
      record(scanner, action, outcome, text);
    } catch (error) {
      record(scanner, action, 'error', error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const registerSaid = (answer: ScanAnswer) => (answer.message ? ` → ${translate(answer.message.code, answer.message.params, props.lang)}` : '');

  const add = () =>
    act('-', `add ${kind}`, async () => {
      const added = await controlApi<SimScanner>('POST', '/api/sim/scanners', { kind });
      setPicked(added.id);
      return { outcome: 'info', text: `added ${added.id} (${added.kind}, ${added.status.state})` };
    });

  const scan = () =>
    act(picked, `scan ${code}`, async () => {
      const answer = await controlApi<ScanAnswer>('POST', `/api/sim/scanners/${encodeURIComponent(picked)}/scan`, {
        data: code,
        ...(aimId.trim() === '' ? {} : { aimId: aimId.trim() }),
        ...(realistic ? { realisticTiming: true } : {}),
      });
      const d = describeDelivery(answer.delivery);
      return { outcome: answer.message?.code === 'scan.badRead' ? 'bad-read' : d.outcome, text: d.text + registerSaid(answer) };
    });

  const inject = () =>
    act(picked, `fault ${fault}`, async () => {
      const answer = await controlApi<FaultAnswer>('POST', `/api/sim/scanners/${encodeURIComponent(picked)}/fault`, { fault, data: code });
      const parts = answer.deliveries.map((d) => describeDelivery(d).text);
      const rejected = answer.deliveries.some((d) => d.result === 'bad-read') || answer.message?.code === 'scan.badRead';
      return { outcome: rejected ? 'bad-read' : describeDelivery(answer.delivery).outcome, text: (parts.join('; ') || 'the driver reported nothing') + registerSaid(answer) };
    });

  const plug = (id: string, what: 'unplug' | 'replug') =>
    act(id, what, async () => {
      const info = await controlApi<SimScanner>('POST', `/api/sim/scanners/${encodeURIComponent(id)}/${what}`);
      return { outcome: 'info', text: `${info.id}: ${info.status.state}` };
    });

  const remove = (id: string) =>
    act(id, 'remove', async () => {
      await controlApi('DELETE', `/api/sim/scanners/${encodeURIComponent(id)}`);
      return { outcome: 'info', text: `removed ${id}` };
    });

  return (
    <section className="panel tester-scanners" data-testid="tester-scanners" aria-labelledby="tester-scanners-title">
      <h2 id="tester-scanners-title">{t('tstScanners')}</h2>
      {listError && (
        <p className="banner banner-error" role="alert">
          {listError}
        </p>
      )}
      <div className="tester-row">
        <label>
          {t('tstKind')}{' '}
          <select data-testid="sim-kind" value={kind} onChange={(e) => setKind(e.target.value as SimKind)}>
            {SIM_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" data-testid="sim-add" disabled={busy} onClick={() => void add()}>
          {t('tstAdd')}
        </button>
      </div>
      <table className="tester-table">
        <thead>
          <tr>
            <th />
            <th>ID</th>
            <th>{t('tstKind')}</th>
            <th>{t('tstState')}</th>
            <th>{t('tstScans')}</th>
            <th>{t('tstBadReads')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {scanners.map((s) => (
            <tr key={s.id} data-testid="sim-row" data-id={s.id} data-state={s.status.state}>
              <td>
                <input type="radio" name="sim-picked" aria-label={s.id} checked={picked === s.id} onChange={() => setPicked(s.id)} />
              </td>
              <td>{s.id}</td>
              <td>
                {s.kind}
                {s.usbId ? ` ${s.usbId}` : ''}
              </td>
              <td className={`state-${s.status.state}`}>
                {t(SCANNER_STATE_TEXT[s.status.state])}
                {s.plugged ? '' : ` ${t('tstUnplugged')}`}
              </td>
              <td data-testid="sim-scans">{s.status.scans}</td>
              <td data-testid="sim-bad-reads">{s.status.badReads}</td>
              <td>
                <button type="button" className="btn" data-testid="sim-unplug" disabled={busy || !s.plugged} onClick={() => void plug(s.id, 'unplug')}>
                  {t('tstUnplug')}
                </button>
                <button type="button" className="btn" data-testid="sim-replug" disabled={busy || s.plugged} onClick={() => void plug(s.id, 'replug')}>
                  {t('tstReplug')}
                </button>
                <button type="button" className="btn" data-testid="sim-remove" disabled={busy} onClick={() => void remove(s.id)}>
                  {t('tstRemove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {scanners.length === 0 && <p className="muted">{t('tstNoSims')}</p>}
      <div className="tester-row">
        <label>
          {t('tstCode')}{' '}
          <input data-testid="sim-code" list="sim-demo-codes" value={code} onChange={(e) => setCode(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <datalist id="sim-demo-codes">
          {DEMO_CODES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <label>
          AIM ID{' '}
          <input data-testid="sim-aim" value={aimId} onChange={(e) => setAimId(e.target.value)} placeholder="]E0" size={4} />
        </label>
        <label>
          <input type="checkbox" data-testid="sim-realistic" checked={realistic} onChange={(e) => setRealistic(e.target.checked)} /> {t('tstRealistic')}
        </label>
        <button type="button" className="btn primary" data-testid="sim-scan" disabled={busy || !current || code === ''} onClick={() => void scan()}>
          {t('tstScan')}
        </button>
      </div>
      <div className="tester-row">
        <label>
          {t('tstFault')}{' '}
          <select data-testid="sim-fault" value={fault} onChange={(e) => setFault(e.target.value)} disabled={!current}>
            {(current?.faults ?? []).map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" data-testid="sim-inject" disabled={busy || !current || fault === ''} onClick={() => void inject()}>
          {t('tstInject')}
        </button>
      </div>
      <ol className="tester-log" data-testid="sim-results" aria-live="polite">
        {log.map((entry) => (
          <li key={entry.n} data-testid="sim-result" data-outcome={entry.outcome}>
            <span className="muted">
              #{entry.n} {entry.scanner} {entry.action}:
            </span>{' '}
            {entry.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
