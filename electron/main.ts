/**
 * Electron main: a thin, locked-down relay. It starts the Node host (where the register runs),
 * opens the window, and forwards RegisterApi calls and events between the two. No register logic here.
 *
 * Bundled to dist-electron/main.cjs by scripts/build-electron.mjs, hence __dirname below.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join, resolve } from 'node:path';
import type { RegisterEvent } from '../core/api.js';
import { appResponse } from './app-protocol.js';
import { hostCommand, parseExtraHostArgs, startHostProcess, type RunningHost } from './host-process.js';
import { connectRelay, type HostRelay } from './host-relay.js';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallOutcome } from './ipc-contract.js';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  BLOCKED_REQUEST_PATTERNS,
  isAllowedSender,
  isNavigationAllowed,
  isPermissionGranted,
  isRequestAllowed,
  secureWebPreferences,
  validateCall,
  WINDOW_OPEN_RESPONSE,
} from './security.js';
import { parseCustomerWindowSetting, planWindows, type WindowPlan, type WindowRole } from './windows.js';

const APP_ROOT = resolve(__dirname, '..');
const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const HOST_READY_TIMEOUT_MS = Number(process.env.REGI_HOST_TIMEOUT_MS ?? 30_000);

const log = (message: string) => console.log(`regi-electron: ${message}`);

/** Open windows by role: the register, and the customer display (electron/windows.ts places them). */
const windows = new Map<WindowRole, BrowserWindow>();

let host: RunningHost | null = null;
let relay: HostRelay | null = null;
let quitting = false;

// One window per data directory: the profile (and so the single-instance lock) lives beside the data.
if (process.env.REGI_DATA) app.setPath('userData', join(resolve(process.env.REGI_DATA), 'electron-profile'));

// Before 'ready': the scheme must be privileged to get an origin, and every renderer is sandboxed.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  log('another Regi window is already running; focusing it instead');
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = windows.get('register');
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => shutdown());
  // A crash of main must not leave the host (and its serial ports) behind.
  process.on('exit', () => host?.child.kill('SIGTERM'));
  app.whenReady().then(start, (error: unknown) => fatal('Electron failed to start', error));
}

async function start(): Promise<void> {
  hardenSession();
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await appResponse(RENDERER_DIR, request.url);
    return new Response(Buffer.from(response.body), { status: response.status, headers: response.headers });
  });

  // Registered before the window exists so the renderer's first call waits for the host instead of failing.
  const relayReady = connectHost();
  relayReady.catch((error: unknown) => fatal('The register host did not start', error));
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, params: unknown) => handleCall(event, method, params, relayReady));

  openWindows();
}

function openWindows(): void {
  let customer = true;
  try {
    customer = parseCustomerWindowSetting(process.env.REGI_CUSTOMER_WINDOW);
  } catch (error) {
    log(`${messageOf(error)}; opening the customer window`);
  }
  for (const plan of planWindows(currentDisplays(), screen.getPrimaryDisplay().id, { customer })) createWindow(plan);
  // A customer monitor plugged in, unplugged or resized later: the customer window moves to where the plan puts it now.
  screen.on('display-added', () => placeCustomerWindow());
  screen.on('display-removed', () => placeCustomerWindow());
  screen.on('display-metrics-changed', () => placeCustomerWindow());
}

function currentDisplays(): { id: number; workArea: Electron.Rectangle }[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, workArea: d.workArea }));
}

function placeCustomerWindow(): void {
  const win = windows.get('customer');
  if (!win || win.isDestroyed()) return;
  let plan: WindowPlan | undefined;
  try {
    plan = planWindows(currentDisplays(), screen.getPrimaryDisplay().id, { customer: true }).find((p) => p.role === 'customer');
  } catch (error) {
    log(`customer window left where it is: ${messageOf(error)}`);
    return;
  }
  if (!plan) return;
  // Leave full screen first: bounds cannot move a full-screen window to another display.
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(plan.bounds);
  if (plan.fullscreen) win.setFullScreen(true);
  log(`customer window placed ${plan.fullscreen ? 'full screen ' : ''}at ${plan.bounds.x},${plan.bounds.y} ${plan.bounds.width}x${plan.bounds.height}`);
}

async function handleCall(
  event: IpcMainInvokeEvent,
  method: unknown,
  params: unknown,
  relayReady: Promise<HostRelay>,
): Promise<CallOutcome> {
  const senderUrl = event.senderFrame?.url;
  if (!isAllowedSender(senderUrl)) {
    log(`refused IPC call from ${senderUrl ?? 'a destroyed frame'}`);
    return { ok: false, error: { code: 'unauthorized', message: 'IPC calls are accepted only from the Regi window' } };
  }
  const call = validateCall(method, params);
  if (!call.ok) return call;
  try {
    return await (await relayReady).call(call.method, call.params);
  } catch (error) {
    return { ok: false, error: { code: 'not-available', message: `the register host is not available: ${messageOf(error)}` } };
  }
}

async function connectHost(): Promise<HostRelay> {
  const dataDir = resolve(process.env.REGI_DATA ?? join(app.getPath('userData'), 'data'));
  const cmd = hostCommand({
    appRoot: APP_ROOT,
    dataDir,
    packaged: app.isPackaged,
    execPath: process.execPath,
    devNode: process.env.REGI_NODE,
    simulator: process.env.REGI_MODE !== 'production',
    extraArgs: parseExtraHostArgs(process.env.REGI_HOST_ARGS),
    env: process.env,
  });
  log(`starting the register host (data in ${dataDir})`);
  host = await startHostProcess(cmd, {
    timeoutMs: HOST_READY_TIMEOUT_MS,
    onLine: (stream, line) => (stream === 'stderr' ? console.error : console.log)(`host: ${line}`),
  });
  const running = host;
  running.child.once('exit', (code, signal) => {
    if (!quitting) fatal('The register host stopped', new Error(`it exited with ${signal ?? `code ${code}`}`));
  });
  log(`register host ready at ${running.ready.url}`);
  relay = await connectRelay(running.ready, { onProtocolError: (message) => log(message) });
  relay.onEvent(broadcast);
  relay.onDisconnect((reason) => {
    if (!quitting) fatal('Lost the connection to the register host', new Error(reason));
  });
  return relay;
}

function broadcast(event: RegisterEvent): void {
  for (const win of windows.values()) {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  }
}

function createWindow(spec: WindowPlan): BrowserWindow {
  const role: WindowRole = spec.role;
  const win = new BrowserWindow({
    title: spec.title,
    ...spec.bounds,
    fullscreen: spec.fullscreen,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  windows.set(role, win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    windows.delete(role);
    // The customer display lives only with the register: closing the register closes the app.
    if (role === 'register') app.quit();
  });
  void win.loadURL(spec.url).catch((error: unknown) => log(`could not load ${spec.url}: ${messageOf(error)}`));
  return win;
}

/** Checklist: no new windows, no navigation, no webviews, for every webContents ever created. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`denied window.open to ${url}`);
    return WINDOW_OPEN_RESPONSE;
  });
  contents.on('will-navigate', (event, url) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    log(`blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

/** Checklist: refuse permissions, and let no request leave the app (no remote content). */
function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = isPermissionGranted(permission);
    if (!granted) log(`refused permission "${permission}"`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_PATTERNS }, (details, callback) => {
    const allowed = isRequestAllowed(details.url);
    if (!allowed) log(`blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
}

function shutdown(): void {
  quitting = true;
  relay?.close();
  relay = null;
  if (host) {
    const stopping = host;
    host = null;
    void stopping.stop();
  }
}

function fatal(title: string, error: unknown): void {
  if (quitting) return;
  const message = messageOf(error);
  console.error(`regi-electron: ${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.quit();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
