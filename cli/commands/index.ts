import type { CliCommand } from '../command.js';

/** Every `regi` subcommand, in the order `regi help` lists them. */
export const COMMANDS: readonly CliCommand[] = [];
