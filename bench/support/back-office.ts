/** core/sync's BackOffice port over gateway/client's ingestBatch, as the host wires it. */
import { BackOfficeUnavailableError, type BackOffice, type UploadResult } from '../../core/sync/outbox-ports.js';
import type { GatewayClient } from '../../gateway/client/gateway-client.js';

export function gatewayBackOffice(client: GatewayClient): BackOffice {
  return {
    async uploadBatch(registerId, items): Promise<UploadResult[]> {
      const result = await client.ingestBatch(registerId, [...items]);
      if (result.kind === 'ok') {
        return result.results.map((r) => ({ idempotencyKey: r.idempotencyKey, status: r.status, ...(r.reason === undefined ? {} : { reason: r.reason }) }));
      }
      if (result.kind === 'unknown') throw new BackOfficeUnavailableError(`back office unreachable: ${result.message}`);
      throw new Error(`back office refused the batch: ${result.status} ${result.code}: ${result.message}`);
    },
  };
}
