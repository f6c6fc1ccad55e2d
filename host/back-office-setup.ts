/**
 * The register's link to the wallet gateway / back office, shared by the outbox upload (issue 6) and wallet
 * payments: where the gateway is, and this register's terminal credentials (DATA/terminal.json, 0600).
 *
 * - `--gateway URL`: a gateway run elsewhere (`regi gateway`). The terminal is provisioned on first use with the
 *   admin token (`--gateway-token` / REGI_GATEWAY_TOKEN); afterwards terminal.json is enough, so a register that
 *   restarts while the gateway is away still starts and keeps selling.
 * - simulator mode without --gateway: a sandbox gateway runs inside the host (data in DATA/gateway) and the
 *   terminal is provisioned directly.
 * - production mode without --gateway: no link; the outbox keeps every sale until one is configured.
 *
 * Provisioning is tried at start and again at each use until it works: a failure is "back office unavailable",
 * never a failed start.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisterMode } from '../core/api.js';
import type { Clock } from '../core/ports.js';
import { GatewayAdminClient } from '../gateway/client/admin-client.js';
import { startGatewayServer, type GatewayServerHandle } from '../gateway/sim/server.js';

export const TERMINAL_FILE = 'terminal.json';

export interface TerminalCredentials {
  gatewayUrl: string;
  terminalId: string;
  /** HMAC key the gateway checks every /v1 request's signature with. */
  key: string;
}

export interface GatewayLinkOptions {
  dataDir: string;
  /** The register id doubles as the terminal id: the back office requires registerId == signing terminal. */
  registerId: string;
  mode: RegisterMode;
  gatewayUrl?: string;
  /** Admin token of the gateway at gatewayUrl, used only to provision this terminal the first time. */
  gatewayAdminToken?: string;
  clock: Clock;
}

export interface GatewayLink {
  url: string;
  /** 'external' for --gateway URL, 'in-process' for the simulator's own sandbox gateway. */
  kind: 'external' | 'in-process';
  /** This register's credentials, provisioning the terminal first when needed; throws a plain Error when it cannot. */
  credentials(): Promise<TerminalCredentials>;
  /** The in-process sandbox gateway (simulator mode), for tests and the tester panel. */
  sandbox: GatewayServerHandle | null;
  close(): Promise<void>;
}

export class TerminalFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem} (delete it to provision this register again)`);
    this.name = 'TerminalFileError';
  }
}

export function readTerminalFile(dataDir: string): TerminalCredentials | null {
  const file = join(dataDir, TERMINAL_FILE);
  if (!existsSync(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TerminalFileError(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const v = value as Partial<Record<keyof TerminalCredentials, unknown>>;
  for (const field of ['gatewayUrl', 'terminalId', 'key'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') throw new TerminalFileError(file, `field "${field}" must be a non-empty string`);
  }
  return value as TerminalCredentials;
}

/** Written to a temporary file and renamed, so a crash leaves either the old credentials or the new ones. */
export function writeTerminalFile(dataDir: string, credentials: TerminalCredentials): void {
  const file = join(dataDir, TERMINAL_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export async function startGatewayLink(options: GatewayLinkOptions): Promise<GatewayLink | null> {
  if (options.gatewayUrl !== undefined) return externalLink(options, options.gatewayUrl.replace(/\/+$/, ''));
  if (options.mode !== 'simulator') return null;
  const sandbox = await startGatewayServer({ dataDir: join(options.dataDir, 'gateway'), port: 0, clock: options.clock });
  // Provisioned at every start: the sandbox's port (so its url) changes from run to run.
  const key = randomBytes(32).toString('base64url');
  sandbox.services.terminals.provision(options.registerId, key);
  const credentials: TerminalCredentials = { gatewayUrl: sandbox.url, terminalId: options.registerId, key };
  writeTerminalFile(options.dataDir, credentials);
  return {
    url: sandbox.url,
    kind: 'in-process',
    credentials: async () => credentials,
    sandbox,
    close: () => sandbox.close(),
  };
}

function externalLink(options: GatewayLinkOptions, url: string): GatewayLink {
  let pending: Promise<TerminalCredentials> | null = null;
  const load = async (): Promise<TerminalCredentials> => {
    const saved = readTerminalFile(options.dataDir);
    if (saved && saved.gatewayUrl === url && saved.terminalId === options.registerId) return saved;
    const token = options.gatewayAdminToken;
    if (token === undefined) {
      throw new Error(
        `register ${options.registerId} is not provisioned on the gateway at ${url}: start it once with --gateway-token ` +
          '(the gateway admin token from its gateway.json), or write terminal.json from `regi gateway terminal ID`',
      );
    }
    const key = randomBytes(32).toString('base64url');
    await new GatewayAdminClient(url, token, 5_000).provisionTerminal(options.registerId, key);
    const credentials: TerminalCredentials = { gatewayUrl: url, terminalId: options.registerId, key };
    writeTerminalFile(options.dataDir, credentials);
    return credentials;
  };
  const credentials = (): Promise<TerminalCredentials> => {
    // One provisioning at a time; a failed attempt is forgotten so the next use tries again.
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  // Tried once at start too, not only at the first sale: while the admin token given is still the gateway's (a
  // sandbox gateway makes a new one at each start), so a gateway restarted before the first sale changes nothing.
  // A failure here is only logged; the next use tries again.
  void credentials().catch((error: unknown) => console.error(`[regi] back office: ${error instanceof Error ? error.message : String(error)}`));
  return {
    url,
    kind: 'external',
    credentials,
    sandbox: null,
    close: async () => {},
  };
}
