import type { WebSocket } from 'ws';
import type { RpcServerMessage } from '../core/rpc.js';
import { dispatchCall } from './dispatch.js';
import type { RegisterService } from './http-server.js';

/**
 * Serves RegisterApi over one WebSocket: JSON RpcCall in, RpcResult out, every register event pushed.
 * A malformed frame gets an error result (id 0 when it had none) and the socket stays open.
 */
export function attachRpcSocket(ws: WebSocket, register: RegisterService): void {
  const send = (message: RpcServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = register.subscribe((event) => send({ kind: 'event', event }));
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  send({ kind: 'event', event: { type: 'state', state: register.snapshot() } });

  ws.on('message', (raw, isBinary) => {
    void (async () => {
      let frame: unknown;
      try {
        if (isBinary) throw new Error('binary frames are not accepted: send JSON text');
        frame = JSON.parse(raw.toString());
      } catch (error) {
        send({
          kind: 'result', id: 0, ok: false,
          error: { code: 'invalid-request', message: `frame is not valid JSON: ${error instanceof Error ? error.message : String(error)}` },
        });
        return;
      }
      const call = frame as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown };
      const id = typeof call.id === 'number' && Number.isSafeInteger(call.id) ? call.id : 0;
      if (typeof frame !== 'object' || frame === null || call.kind !== 'call' || id === 0) {
        send({ kind: 'result', id, ok: false, error: { code: 'invalid-request', message: 'expected {"kind":"call","id":<positive integer>,"method":...,"params":...}' } });
        return;
      }
      send(await dispatchCall(register, id, call.method, call.params));
    })();
  });
}
