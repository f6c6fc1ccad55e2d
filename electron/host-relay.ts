/**
 * Main's side of the relay: one WebSocket to the host speaking core/rpc.ts. Calls come back as
 * CallOutcome data (never a rejection), so main can hand them to the preload unchanged.
 */
import WebSocket from 'ws';
import { RegisterError, type RegisterEvent, type RegisterMethod } from '../core/api.js';
import { createRpcClient, type RpcServerMessage } from '../core/rpc.js';
import { hostSocketUrl, type HostReady } from './host-process.js';
import type { CallOutcome } from './ipc-contract.js';

export interface HostRelay {
  call(method: RegisterMethod, params: Record<string, unknown> | undefined): Promise<CallOutcome>;
  onEvent(listener: (event: RegisterEvent) => void): () => void;
  /** Called once when the socket closes for any reason other than close(). */
  onDisconnect(listener: (reason: string) => void): void;
  close(): void;
}

export interface RelayOptions {
  /** Malformed frames from the host are reported here and otherwise ignored. */
  onProtocolError?: (message: string) => void;
}

export function connectRelay(ready: HostReady, options: RelayOptions = {}): Promise<HostRelay> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(hostSocketUrl(ready), { perMessageDeflate: false });
    let open = false;
    let closing = false;
    const disconnectListeners: ((reason: string) => void)[] = [];

    const client = createRpcClient({
      send(call) {
        if (socket.readyState !== WebSocket.OPEN) throw new RegisterError('not-available', 'the register host is not connected');
        socket.send(JSON.stringify(call));
      },
    });

    socket.on('message', (raw, isBinary) => {
      const message = parseServerMessage(isBinary ? null : raw.toString());
      if (typeof message === 'string') options.onProtocolError?.(message);
      else client.receive(message);
    });

    socket.once('open', () => {
      open = true;
      resolve({
        async call(method, params) {
          try {
            const fn = client.api[method] as (p?: unknown) => Promise<unknown>;
            return { ok: true, value: await fn(params) };
          } catch (error) {
            if (error instanceof RegisterError) return { ok: false, error: { code: error.code, message: error.message } };
            return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
          }
        },
        onEvent: (listener) => client.onEvent(listener),
        onDisconnect: (listener) => void disconnectListeners.push(listener),
        close() {
          closing = true;
          client.failPending('the Electron shell is closing');
          socket.close();
        },
      });
    });

    socket.once('close', (code, reasonBuffer) => {
      const reason = `connection to the register host closed (code ${code}${reasonBuffer.length ? `: ${reasonBuffer.toString()}` : ''})`;
      client.failPending(reason);
      if (!open) reject(new Error(reason));
      else if (!closing) for (const listener of disconnectListeners) listener(reason);
    });
    socket.on('error', (error) => {
      if (!open) reject(new Error(`could not connect to the register host at ${ready.url}: ${error.message}`));
    });
  });
}

/** The host's frame as a server message, or a string saying why it is not one. */
export function parseServerMessage(text: string | null): RpcServerMessage | string {
  if (text === null) return 'binary frame from the host ignored: expected JSON text';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `frame from the host is not JSON: ${text.slice(0, 80)}`;
  }
  const frame = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (frame.kind === 'event' && typeof frame.event === 'object' && frame.event !== null) return value as RpcServerMessage;
  if (frame.kind === 'result' && typeof frame.id === 'number' && typeof frame.ok === 'boolean') {
    if (frame.ok || (typeof frame.error === 'object' && frame.error !== null)) return value as RpcServerMessage;
  }
  return `frame from the host is neither an RPC result nor an event: ${text.slice(0, 80)}`;
}
