/** One `regi` subcommand. Each lives in cli/commands/NAME.ts and is listed in cli/commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One line for `regi help`. */
  summary: string;
  /** Full usage text for `regi help NAME` and for errors. */
  usage: string;
  /** Returns the process exit code. Throw CliUsageError for bad arguments. */
  run(argv: string[]): Promise<number>;
}

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
