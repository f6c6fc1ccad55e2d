/**
 * Browser mode: RegisterApi over the host's WebSocket (core/rpc.ts JSON frames). Reconnects with
 * backoff when the socket closes; calls made while disconnected fail at once with 'not-available'
 * rather than queueing, so the cashier sees the problem instead of a frozen screen.
 * The WebSocket constructor is injected: the browser's in the app, `ws`'s in Node tests.
 */
import { RegisterError, type RegisterEvent } from '../../core/api.js';
import { createRpcClient, type RpcServerMessage } from '../../core/rpc.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { ConnectionStatus, RegisterConnection } from './types.js';

/** The part of the WebSocket interface this module uses (browser WebSocket and `ws` both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const OPEN = 1;

export interface WsConnectionOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  backoff?: BackoffOptions;
  /**
   * Called before each reconnect to get a fresh URL: a restarted host has a new per-run token,
   * which the browser can only learn by reading the page again. A rejection counts as a failed attempt.
   */
  resolveUrl?: () => Promise<string>;
  /** A frame that is not a valid RPC message: reported here and dropped. */
  onProtocolError?: (problem: string) => void;
}

export function createWsConnection(options: WsConnectionOptions): RegisterConnection {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const reportProtocolError = options.onProtocolError ?? ((problem: string) => console.error(`regi: ${problem}`));
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', attempt: 0 };
  let socket: WebSocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUser = false;

  const setStatus = (next: ConnectionStatus): void => {
    status = next;
    for (const listener of [...statusListeners]) listener(status);
  };

  const rpc = createRpcClient({
    send(call) {
      if (!socket || socket.readyState !== OPEN) {
        throw new RegisterError('not-available', 'not connected to the register (reconnecting): try again in a moment');
      }
      socket.send(JSON.stringify(call));
    },
  });

  let url = options.url;

  const open = (): void => {
    let ws: WebSocketLike;
    try {
      ws = new options.WebSocket(url);
    } catch (error) {
      scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      setStatus({ state: 'connected', attempt: 0 });
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      const parsed = parseServerMessage(event.data);
      if (typeof parsed === 'string') reportProtocolError(parsed);
      else rpc.receive(parsed);
    };
    ws.onerror = () => {
      // The close event follows and carries what we need; nothing to do here.
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      rpc.failPending('the connection to the register closed before it answered');
      if (closedByUser) return;
      scheduleReconnect(event.reason || `socket closed (code ${event.code})`);
    };
  };

  const scheduleReconnect = (reason: string): void => {
    const attempt = status.state === 'reconnecting' ? status.attempt + 1 : 0;
    const retryInMs = backoffDelay(attempt, backoff);
    setStatus({ state: 'reconnecting', attempt, retryInMs, reason });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closedByUser) return;
      if (!options.resolveUrl) return open();
      options.resolveUrl().then(
        (fresh) => {
          if (closedByUser) return;
          url = fresh;
          open();
        },
        (error: unknown) => {
          if (!closedByUser) scheduleReconnect(`could not reach the host: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    }, retryInMs);
  };

  open();

  return {
    api: rpc.api,
    onEvent(listener: (event: RegisterEvent) => void) {
      return rpc.onEvent(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      socket = null;
      rpc.failPending('the connection was closed');
      ws?.close(1000, 'closed by the client');
      setStatus({ state: 'closed', attempt: 0 });
    },
  };
}

/** Returns the message, or a sentence saying what is wrong with the frame. */
export function parseServerMessage(data: unknown): RpcServerMessage | string {
  if (typeof data !== 'string') return `ignored a non-text WebSocket frame (${typeof data})`;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return `ignored a frame that is not JSON: ${data.slice(0, 80)}`;
  }
  if (typeof value !== 'object' || value === null) return `ignored a frame that is not an object: ${data.slice(0, 80)}`;
  const message = value as Record<string, unknown>;
  if (message.kind === 'event') {
    const event = message.event as Record<string, unknown> | null | undefined;
    if (typeof event !== 'object' || event === null || (event.type !== 'state' && event.type !== 'message')) {
      return `ignored an event frame without a known event.type: ${data.slice(0, 80)}`;
    }
    return value as RpcServerMessage;
  }
  if (message.kind === 'result') {
    if (typeof message.id !== 'number' || typeof message.ok !== 'boolean') {
      return `ignored a result frame without a numeric id and boolean ok: ${data.slice(0, 80)}`;
    }
    const error = message.error as Record<string, unknown> | null | undefined;
    if (message.ok === false && (typeof error !== 'object' || error === null || typeof error.message !== 'string')) {
      return `ignored a failed result frame without error.message: ${data.slice(0, 80)}`;
    }
    return value as RpcServerMessage;
  }
  return `ignored a frame with unknown kind ${JSON.stringify(message.kind)}`;
}
