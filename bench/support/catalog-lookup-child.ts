/**
 * Child process of the catalog benchmark: opens the register store holding the generated catalog, as the host
 * does, times random lookups through SqliteCatalog.findByCode and reports its own memory. Prints one JSON line.
 *   node --import tsx bench/support/catalog-lookup-child.ts DIR ITEMS LOOKUPS
 */
import { openRegisterStore } from '../../db/register-store.js';
import { summarize } from '../stats.js';
import { generatedCode, seededRandom } from './generated-catalog.js';

const [dir, itemsArg, lookupsArg] = process.argv.slice(2);
const items = Number(itemsArg);
const lookups = Number(lookupsArg);
if (!dir || !Number.isInteger(items) || items < 1 || !Number.isInteger(lookups) || lookups < 1) {
  console.error('usage: catalog-lookup-child.ts DIR ITEMS LOOKUPS (ITEMS and LOOKUPS positive integers)');
  process.exit(2);
}

const mib = (bytes: number) => bytes / 2 ** 20;
const rssBefore = mib(process.memoryUsage().rss);
const store = openRegisterStore(dir, { seedDemo: false });
const rssOpen = mib(process.memoryUsage().rss);
const random = seededRandom(0x5eed);
const codes = Array.from({ length: lookups }, () => generatedCode(Math.floor(random() * items)));
const warm = Math.min(10_000, lookups);
for (let i = 0; i < warm; i++) store.catalog.findByCode(codes[i]!);
const samples = new Float64Array(lookups);
let misses = 0;
for (let i = 0; i < lookups; i++) {
  const t = performance.now();
  const item = store.catalog.findByCode(codes[i]!);
  samples[i] = performance.now() - t;
  if (item === undefined) misses++;
}
const count = store.catalog.count();
store.close();
console.log(
  JSON.stringify({
    summary: summarize(Array.from(samples)),
    misses,
    count,
    rssBeforeOpenMiB: rssBefore,
    rssAfterOpenMiB: rssOpen,
    rssAfterLookupsMiB: mib(process.memoryUsage().rss),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
