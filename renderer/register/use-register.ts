/** Keeps the screen's copy of the register: state, messages, connection status and recent sales. */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RegisterState } from '../../core/api.js';
import type { RegisterMessage } from '../../core/domain/messages.js';
import type { SaleSummary } from '../../core/ports.js';
import type { ConnectionStatus, RegisterConnection } from '../connection/types.js';
import { mergeMessage } from './banner.js';

export const RECENT_SALES_LIMIT = 5;

export interface RegisterView {
  state: RegisterState | null;
  messages: readonly RegisterMessage[];
  status: ConnectionStatus;
  recentSales: readonly SaleSummary[];
}

export function useRegister(connection: RegisterConnection, onError: (error: unknown) => void): RegisterView {
  const [state, setState] = useState<RegisterState | null>(null);
  const [messages, setMessages] = useState<readonly RegisterMessage[]>([]);
  const [status, setStatus] = useState<ConnectionStatus>({ state: 'connecting', attempt: 0 });
  const [recentSales, setRecentSales] = useState<readonly SaleSummary[]>([]);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    const applyState = (next: RegisterState): void => {
      setState(next);
      setMessages(next.messages);
    };
    const refreshSales = (): void => {
      connection.api.recentSales({ limit: RECENT_SALES_LIMIT }).then(setRecentSales, (e: unknown) => onErrorRef.current(e));
    };
    const offEvent = connection.onEvent((event) => {
      // A new state is rendered right here, in the socket's task, rather than in a task React schedules after
      // it: the line is in the DOM before anything else the page has queued runs (UI bench, issue 8).
      if (event.type === 'state') flushSync(() => applyState(event.state));
      else setMessages((list) => mergeMessage(list, event.message));
    });
    const offStatus = connection.onStatus((next) => {
      setStatus(next);
      // (Re)connected: the register may have moved on while we were away.
      if (next.state === 'connected') {
        connection.api.getState().then(applyState, (e: unknown) => onErrorRef.current(e));
        refreshSales();
      }
    });
    return () => {
      offEvent();
      offStatus();
    };
  }, [connection]);

  // A completed sale changes the recent-sales list.
  const lastSaleId = state?.lastSale?.saleId ?? null;
  useEffect(() => {
    if (lastSaleId === null) return;
    connection.api
      .recentSales({ limit: RECENT_SALES_LIMIT })
      .then(setRecentSales, (e: unknown) => onErrorRef.current(e));
  }, [connection, lastSaleId]);

  return { state, messages, status, recentSales };
}
