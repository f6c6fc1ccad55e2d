#!/usr/bin/env node
// `regi` command: runs the TypeScript CLI through tsx (no build step for Node code).
import { register } from 'tsx/esm/api';

register();
const { exitQuietlyWhenStdoutCloses } = await import('../cli/closed-stdout.ts');
exitQuietlyWhenStdoutCloses();
const { main } = await import('../cli/regi.ts');
process.exitCode = await main(process.argv.slice(2));
