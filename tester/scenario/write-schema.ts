/** Regenerates docs/scenario.schema.json from tester/scenario/schema.ts: `npx tsx tester/scenario/write-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './schema.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url));
export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
