import type { WebSocket } from 'ws';
import type { RegisterEvent } from '../core/api.js';
import type { RpcServerMessage } from '../core/rpc.js';
import { dispatchCall, toWireError } from './dispatch.js';
import type { RegisterService } from './http-server.js';

/**
 * The register's events for every open WebSocket: one subscription, a tick's events coalesced (coalesceEvents) and
 * each frame serialised once, however many screens (cashier, customer display) are connected.
 */
export class EventBroadcast {
  private readonly sockets = new Set<WebSocket>();
  private readonly unsubscribe: () => void;

  constructor(register: RegisterService) {
    this.unsubscribe = register.subscribe(
      coalesceEvents((event) => {
        if (this.sockets.size === 0) return;
        const frame = JSON.stringify({ kind: 'event', event } satisfies RpcServerMessage);
        for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
      }),
    );
  }

  add(ws: WebSocket): void {
    this.sockets.add(ws);
    const drop = (): void => void this.sockets.delete(ws);
    ws.on('close', drop);
    ws.on('error', drop);
  }

  close(): void {
    this.unsubscribe();
    this.sockets.clear();
  }
}

/**
 * Serves RegisterApi over one WebSocket: JSON RpcCall in, RpcResult out, the register's state right away and then
 * its events through `events`. A malformed frame gets an error result (id 0 when it had none) and the socket stays open.
 */
export function attachRpcSocket(ws: WebSocket, register: RegisterService, events: EventBroadcast): void {
  const send = (message: RpcServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  send({ kind: 'event', event: { type: 'state', state: register.snapshot() } });
  events.add(ws);

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
      // null, a number or a string is valid JSON too: look inside only an object (reading null.id took the host down).
      const call = (typeof frame === 'object' && frame !== null ? frame : {}) as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown };
      const id = typeof call.id === 'number' && Number.isSafeInteger(call.id) && call.id > 0 ? call.id : 0;
      if (call.kind !== 'call' || id === 0) {
        send({ kind: 'result', id, ok: false, error: { code: 'invalid-request', message: 'expected {"kind":"call","id":<positive integer>,"method":...,"params":...}' } });
        return;
      }
      send(await dispatchCall(register, id, call.method, call.params));
    })().catch((error: unknown) => {
      // Nothing a client sends may end the register: whatever escaped above is answered, not rethrown.
      send({ kind: 'result', id: 0, ok: false, error: toWireError(error) });
    });
  });
}

/**
 * One scan makes the register emit several events in the same tick (the line's state, its message, the scanner's
 * new count in another state). Each frame costs the screen a parse and a render, and only the last state of a tick
 * can ever be seen. So the events of one tick go out together at the end of it (a microtask, before any I/O):
 * the tick's last state first, then its messages in order. A state already holds every message it announces, so a
 * screen shows the new line from the first frame.
 */
export function coalesceEvents(deliver: (event: RegisterEvent) => void): (event: RegisterEvent) => void {
  let state: Extract<RegisterEvent, { type: 'state' }> | null = null;
  let others: RegisterEvent[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const [lastState, rest] = [state, others];
    state = null;
    others = [];
    if (lastState) deliver(lastState);
    for (const event of rest) deliver(event);
  };
  return (event) => {
    if (event.type === 'state') state = event;
    else others.push(event);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
}
