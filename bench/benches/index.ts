/** Every benchmark, in the order the table shows them. */
import type { Bench } from '../bench.js';
import { catalogLookupBench } from './catalog-lookup.js';
import { gatewayRedemptionsBench } from './gateway-redemptions.js';
import { outboxDrainBench } from './outbox-drain.js';
import { saleCommitBench } from './sale-commit.js';
import { scanLatencyBench } from './scan-latency.js';
import { uiPaintBench } from './ui-paint.js';

export const BENCHES: readonly Bench[] = [
  scanLatencyBench,
  saleCommitBench,
  catalogLookupBench,
  outboxDrainBench,
  gatewayRedemptionsBench,
  uiPaintBench,
];
