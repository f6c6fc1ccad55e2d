import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT, startHost } from '../../host/start-host.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';
import { findElectronBinary, launchElectron } from '../electron-launcher.js';
import { waitForSignal } from './serve.js';

const usage = `usage: regi start [--data DIR] [--port N] [--browser]

Starts the register for a person at the machine: the Electron window when an Electron binary is
installed, otherwise (or with --browser) the same register served at http://127.0.0.1:PORT/ in
simulator mode with one simulated serial scanner attached.

  --data DIR   data directory (default $REGI_DATA or ./.regi-data)
  --port N     browser mode port (default 5178; falls back to a free port when taken)
  --browser    skip Electron even when it is installed`;

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the register: Electron window, or the browser register when Electron is absent',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['data', 'port'], booleans: ['browser'] });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    const dataDir = dataDirFrom(stringFlag(args, 'data'));
    // Every flag is checked before the (slow) renderer build, so a typo is told at once.
    const requested = intFlag(args, 'port', { min: 0, max: 65_535 }) ?? 5178;
    buildRenderer();

    const electron = args.flags.has('browser') ? null : findElectronBinary(PROJECT_ROOT);
    if (electron) {
      console.log(`Starting the Regi window (Electron at ${electron}); data in ${dataDir}`);
      return launchElectron({ root: PROJECT_ROOT, dataDir });
    }
    if (!args.flags.has('browser')) {
      console.log('No Electron binary installed (npm run electron:install fetches it where the internet is reachable): serving the register in the browser instead.');
    }
    const options = { dataDir, host: '127.0.0.1', mode: 'simulator' as const, simulatedScanners: 1 };
    let host;
    try {
      host = await startHost({ ...options, port: requested });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      console.log(`Port ${requested} is taken; using a free one.`);
      host = await startHost({ ...options, port: 0 });
    }
    console.log(`Regi register: open ${host.url}/ in your browser (simulator mode, data in ${host.dataDir}).`);
    console.log(`Scan from another terminal: npx regi scan --port ${host.port} 4987301000105   (Ctrl+C stops the register)`);
    await waitForSignal();
    await host.close();
    return 0;
  },
};

function buildRenderer(): void {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build-renderer.mjs')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('building the register UI failed (see above)');
}
