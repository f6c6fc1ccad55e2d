/** Every benchmark, in the order the table shows them. */
import type { Bench } from '../bench.js';
import { catalogLookupBench } from './catalog-lookup.js';
import { saleCommitBench } from './sale-commit.js';
import { scanLatencyBench } from './scan-latency.js';

export const BENCHES: readonly Bench[] = [scanLatencyBench, saleCommitBench, catalogLookupBench];
