import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RegisterError, type RegisterApi } from '../core/api.js';
import { createRpcClient, type RpcCall } from '../core/rpc.js';
import { dispatchCall } from './dispatch.js';

describe('a RegisterError across the wire', () => {
  test("keeps its code, message and details, so a screen can say the reason (a locked manager id) in its own words", async () => {
    const refusal = new RegisterError('unauthorized', 'too many wrong PINs: this manager id is locked for a while', { reason: 'locked', lockedUntil: 123 });
    const register = { approveOverride: () => Promise.reject(refusal) } as unknown as RegisterApi;
    const sent: RpcCall[] = [];
    const client = createRpcClient({ send: (call) => sent.push(call) });
    const answer = client.api.approveOverride({ managerId: 'M001', pin: '9999', reasonCode: 'other' });
    const call = sent[0]!;
    client.receive(await dispatchCall(register, call.id, call.method, call.params));
    await assert.rejects(answer, (error: unknown) => {
      assert.ok(error instanceof RegisterError);
      assert.deepEqual([error.code, error.message, error.details], [refusal.code, refusal.message, { reason: 'locked', lockedUntil: 123 }]);
      return true;
    });
  });
});
