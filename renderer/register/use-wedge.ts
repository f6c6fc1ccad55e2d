/** Hooks the keyboard wedge (wedge-input.ts) into the cashier screen, with a renderer-local status row. */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ScannerStatus } from '../../core/ports.js';
import { WedgeInput, type WedgeScan } from './wedge-input.js';

export function useWedge(props: {
  codeRef: RefObject<HTMLInputElement | null>;
  code: string;
  setCode: (value: string) => void;
  onScan: (scan: WedgeScan) => void;
}): ScannerStatus {
  const [scans, setScans] = useState(0);
  const latest = useRef(props);
  latest.current = props;
  const wedge = useMemo(() => new WedgeInput(), []);

  useEffect(() => {
    // capture phase on window: runs before the screen's own key handler and before the input types
    const onKeyDown = (event: KeyboardEvent) => {
      const { codeRef } = latest.current;
      const target = event.target;
      const inCode = target === codeRef.current;
      const elsewhere = !inCode && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement);
      if (elsewhere) return wedge.reset();
      const scan = wedge.keydown(
        {
          code: event.code,
          key: event.key,
          shiftKey: event.shiftKey,
          timeStamp: event.timeStamp,
          isComposing: event.isComposing,
          ctrlKey: event.ctrlKey,
          altKey: event.altKey,
          metaKey: event.metaKey,
        },
        latest.current.code,
      );
      if (!scan) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      // an IME may hold the burst as a composition: blur commits it, then the input is put back
      if (event.isComposing && codeRef.current) {
        codeRef.current.blur();
        codeRef.current.focus();
      }
      latest.current.setCode(scan.restore);
      setScans((n) => n + 1);
      latest.current.onScan(scan);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [wedge]);

  return useMemo(
    () => ({
      driverId: 'wedge',
      kind: 'wedge',
      description: 'keyboard wedge (this screen; told from typing by key timing)',
      state: 'connected',
      simulated: false,
      scans,
      badReads: 0,
    }),
    [scans],
  );
}
