import type { CliCommand } from '../command.js';
import { auditCommand } from './audit.js';
import { backupCommand } from './backup.js';
import { limitsCommand } from './limits.js';
import { devicesCommand } from './devices.js';
import { scanCommand } from './scan.js';
import { simCommand } from './sim.js';
import { serveCommand } from './serve.js';
import { startCommand } from './start.js';
import { gatewayCommand } from './gateway.js';
import { walletCommand } from './wallet.js';
import { settingsCommand } from './settings.js';
import { scenarioCommand } from './scenario.js';
import { replayCommand } from './replay.js';
import { fleetCommand } from './fleet.js';

/** Every `regi` subcommand, in the order `regi help` lists them. */
export const COMMANDS: readonly CliCommand[] = [startCommand, serveCommand, scanCommand, simCommand, devicesCommand, gatewayCommand, walletCommand, backupCommand, auditCommand, limitsCommand, settingsCommand, scenarioCommand, replayCommand, fleetCommand];
