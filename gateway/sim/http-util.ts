import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeZodError } from '../protocol/wire.js';
import { GatewayError } from './errors.js';

export const MAX_BODY_BYTES = 1_000_000;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GatewayError(413, 'BODY_TOO_LARGE', `request body is over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses and validates a JSON body; the error names the field, or says the JSON is malformed. */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Buffer): z.infer<S> {
  let value: unknown;
  const text = body.toString('utf8');
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new GatewayError(400, 'MALFORMED_JSON', `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { message, issues } = describeZodError(parsed.error);
    throw new GatewayError(400, 'INVALID_REQUEST', message, issues);
  }
  return parsed.data as z.infer<S>;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function errorReply(error: unknown): Reply {
  if (error instanceof GatewayError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 'INTERNAL', message } } };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...reply.headers });
  res.end(text);
}
