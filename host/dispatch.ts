import { RegisterError, type RegisterApi, type RegisterMethod } from '../core/api.js';
import type { RpcResult, WireError } from '../core/rpc.js';
import { isRegisterMethod, parseParams } from './api-schemas.js';

/** Validates and runs one RegisterApi call; any failure becomes an error result, never a throw. */
export async function dispatchCall(api: RegisterApi, id: number, method: unknown, params: unknown): Promise<RpcResult> {
  try {
    if (!isRegisterMethod(method)) {
      throw new RegisterError('invalid-request', `unknown method ${JSON.stringify(method)}`);
    }
    const value = await invoke(api, method, parseParams(method, params));
    return { kind: 'result', id, ok: true, value: value ?? null };
  } catch (error) {
    return { kind: 'result', id, ok: false, error: toWireError(error) };
  }
}

function invoke(api: RegisterApi, method: RegisterMethod, params: unknown): Promise<unknown> {
  const fn = api[method] as (this: RegisterApi, p: unknown) => Promise<unknown>;
  return fn.call(api, params);
}

export function toWireError(error: unknown): WireError {
  if (error instanceof RegisterError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  console.error('[regi] internal error:', error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
