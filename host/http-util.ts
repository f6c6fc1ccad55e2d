import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegisterErrorCode } from '../core/api.js';

export const MAX_BODY_BYTES = 256 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'invalid-request',
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** Reads a JSON body (empty body = undefined); malformed JSON and oversize bodies are HttpErrors naming the problem. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const STATUS_BY_CODE: Readonly<Record<RegisterErrorCode, number>> = {
  'invalid-request': 400,
  'quantity.invalid': 400,
  'line.notFound': 404,
  'sale.emptyBasket': 409,
  'sale.insufficientCash': 409,
  unauthorized: 401,
  'limit.blocked': 409,
  'limit.overrideRequired': 409,
  'age.confirmationRequired': 409,
  'wallet.busy': 409,
  'not-available': 503,
  internal: 500,
};
