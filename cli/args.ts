import { CliUsageError } from './command.js';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag` (for names listed in booleans).
 * Unknown flags are an error naming the flag, so a typo never silently changes behaviour.
 */
export function parseArgs(argv: readonly string[], spec: { values?: readonly string[]; booleans?: readonly string[] }): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      // A short option (-p 5401) was taken for an argument, and `regi scan -x` scanned "-x" as a barcode.
      // A lone "-" and a negative number stay arguments; "--" passes anything else through.
      if (/^-[^-\d]/.test(arg)) {
        throw new CliUsageError(`unknown option ${arg}: options are long (--port 5401, not -p 5401); put -- before an argument that starts with -`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq >= 0) throw new CliUsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (values.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new CliUsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new CliUsageError(`unknown option --${name}`);
    }
  }
  return { flags, positionals };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function intFlag(args: ParsedArgs, name: string, range: { min: number; max: number }): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new CliUsageError(`--${name} must be a whole number, got "${v}"`);
  const n = Number(v);
  if (n < range.min || n > range.max) throw new CliUsageError(`--${name} must be from ${range.min} to ${range.max}, got ${n}`);
  return n;
}
