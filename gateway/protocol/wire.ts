/**
 * The gateway's HTTP+JSON contract: request schemas (validated by the server with zod) and response types
 * (returned by the server, read by GatewayClient). Money is integer yen throughout.
 */
import { z } from 'zod';

const yen = z.number().int().nonnegative().max(100_000_000);
const positiveYen = z.number().int().positive().max(100_000_000);
const key = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const paymentRequestSchema = z.strictObject({
  merchantPaymentId: key,
  code: z.string().min(1).max(64),
  amount: positiveYen,
  terminalId: key,
  categoryTotals: z.record(z.string().min(1).max(64), yen).default({}),
  requestedAt: z.number().int().nonnegative(),
});
export type PaymentRequest = z.input<typeof paymentRequestSchema>;

export const refundRequestSchema = z.strictObject({
  merchantRefundId: key,
  merchantPaymentId: key,
  amount: positiveYen,
  reason: z.string().max(200).optional(),
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;

/** COMPLETED, AUTHORIZING (waiting for the customer to confirm in the app) and FAILED come from a payment request;
 * CANCELED (voided before money moved, or cancelled before it arrived) and REVERSED (money returned) from a cancel. */
export type PaymentStatus = 'COMPLETED' | 'AUTHORIZING' | 'FAILED' | 'CANCELED' | 'REVERSED';

export interface PaymentRecord {
  paymentId: string;
  merchantPaymentId: string;
  status: PaymentStatus;
  /** Machine-readable reason for FAILED (INSUFFICIENT_BALANCE, CODE_ALREADY_USED, FRAUD_..., ...). */
  reason?: string;
  walletId?: string;
  terminalId?: string;
  amount: number;
  refundedAmount: number;
  createdAt: number;
  updatedAt: number;
}

export type RefundStatus = 'COMPLETED' | 'FAILED';

export interface RefundRecord {
  refundId: string;
  merchantRefundId: string;
  merchantPaymentId: string;
  amount: number;
  status: RefundStatus;
  reason?: string;
  createdAt: number;
}

/** Every non-2xx answer carries one of these. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

// ---- Back-office ingest (issue 6) -------------------------------------------------------------

export const INGEST_TOPICS = ['sale.upload', 'refund.upload', 'audit.upload'] as const;
export type IngestTopic = (typeof INGEST_TOPICS)[number];

export const ingestBatchSchema = z.strictObject({
  registerId: key,
  items: z
    .array(
      // Topic and payload are checked per item so one bad item is rejected alone.
      z.looseObject({ idempotencyKey: key, topic: z.string(), payload: z.unknown() }),
    )
    .max(500),
});
export type IngestItem = { idempotencyKey: string; topic: IngestTopic; payload: unknown };

const tenderSchema = z.looseObject({ kind: z.enum(['cash', 'wallet']), amount: yen });
export const salePayloadSchema = z
  .looseObject({
    saleId: z.string().min(1),
    saleNo: z.number().int().positive(),
    registerId: z.string().min(1),
    completedAt: z.number().int().nonnegative(),
    lines: z.array(z.looseObject({ lineId: z.string().min(1), quantity: z.number().int(), amount: z.number().int() })),
    totals: z.looseObject({ total: yen, itemCount: z.number().int().nonnegative() }),
    tenders: z.array(tenderSchema),
  })
  .refine((s) => s.tenders.reduce((sum, t) => sum + t.amount, 0) === s.totals.total, {
    message: 'tender amounts must add up to totals.total',
    path: ['tenders'],
  });
export const refundPayloadSchema = z.looseObject({
  refundId: z.string().min(1),
  saleId: z.string().min(1),
  amount: positiveYen,
  at: z.number().int().nonnegative(),
});
export const auditPayloadSchema = z.looseObject({
  seq: z.number().int().nonnegative(),
  kind: z.string().min(1),
  at: z.number().int().nonnegative(),
  hash: z.string().min(1),
});
export const INGEST_PAYLOAD_SCHEMAS: Record<IngestTopic, z.ZodType> = {
  'sale.upload': salePayloadSchema,
  'refund.upload': refundPayloadSchema,
  'audit.upload': auditPayloadSchema,
};

export type IngestItemStatus = 'accepted' | 'duplicate' | 'rejected';
export interface IngestItemResult {
  idempotencyKey: string;
  status: IngestItemStatus;
  reason?: string;
}
export interface IngestBatchResponse {
  results: IngestItemResult[];
}

/** Names the failing field(s) of a zod error in one line: "amount: Too small: expected number to be >0". */
export function describeZodError(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((i) => ({ path: i.path.length ? i.path.map(String).join('.') : '(body)', message: i.message }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}
