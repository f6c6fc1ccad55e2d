/**
 * The wire form of RegisterApi: calls, results and pushed events as plain JSON messages.
 * The same messages travel over the host's WebSocket (browser mode) and, relayed by Electron's
 * main process, over IPC. createRpcClient builds a RegisterApi from any message transport.
 */
import {
  REGISTER_METHODS,
  RegisterError,
  type RegisterApi,
  type RegisterErrorCode,
  type RegisterEvent,
  type RegisterMethod,
} from './api.js';

export interface RpcCall {
  kind: 'call';
  id: number;
  method: RegisterMethod;
  params?: unknown;
}

/** A RegisterError on the wire: its details (e.g. reason: 'locked') let a screen say it in the cashier's language. */
export interface WireError {
  code: RegisterErrorCode;
  message: string;
  details?: Readonly<Record<string, string | number>>;
}

export type RpcResult =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: WireError };

export interface RpcEvent {
  kind: 'event';
  event: RegisterEvent;
}

export type RpcServerMessage = RpcResult | RpcEvent;

export interface RpcTransport {
  send(call: RpcCall): void;
}

export interface RpcClient {
  api: RegisterApi;
  /** Feed every message the server sends. */
  receive(message: RpcServerMessage): void;
  onEvent(listener: (event: RegisterEvent) => void): () => void;
  /** Rejects every call still waiting (the connection dropped). */
  failPending(reason: string): void;
}

export function createRpcClient(transport: RpcTransport): RpcClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(event: RegisterEvent) => void>();

  const call = (method: RegisterMethod, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        transport.send(params === undefined ? { kind: 'call', id, method } : { kind: 'call', id, method, params });
      } catch (error) {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });

  const api = Object.fromEntries(
    REGISTER_METHODS.map((method) => [method, (params?: unknown) => call(method, params)]),
  ) as unknown as RegisterApi;

  return {
    api,
    receive(message) {
      if (message.kind === 'event') {
        for (const listener of [...listeners]) listener(message.event);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new RegisterError(message.error.code, message.error.message, message.error.details));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    failPending(reason) {
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new RegisterError('not-available', reason));
      }
    },
  };
}
