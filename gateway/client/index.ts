/** What the register needs to talk to the wallet gateway and back office. */
export { GatewayClient, type GatewayClientOptions } from './gateway-client.js';
export type { CancelResult, IngestResult, PaymentResult, QueryResult, RefundResult, Rejected, Unknown, UnknownCause } from './results.js';
export { GatewayAdminClient, GatewayAdminError, readGatewayInfo } from './admin-client.js';
export type { PaymentRecord, PaymentRequest, PaymentStatus, RefundRecord, RefundRequest, IngestItemResult, IngestTopic } from '../protocol/wire.js';
export type { GatewayInfo, LedgerEntry, Reconciliation, WalletView } from '../protocol/admin-wire.js';
