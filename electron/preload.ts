/**
 * Preload (sandboxed, context-isolated): exposes RegisterApi as window.regi, one function per
 * method, and the pushed events as window.regiEvents. Nothing else of Electron reaches the page:
 * no ipcRenderer, no event objects, no channel names chosen by the page.
 * Bundled to dist-electron/preload.cjs (a sandboxed preload can require only 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { RegisterApi, RegisterEvent, RegisterMethod } from '../core/api.js';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallOutcome, type RegiEventsBridge } from './ipc-contract.js';

async function call<T>(method: RegisterMethod, params?: object): Promise<T> {
  const outcome = (await ipcRenderer.invoke(CALL_CHANNEL, method, params)) as CallOutcome;
  if (outcome.ok) return outcome.value as T;
  // Only the message survives the context bridge; it already says what to fix.
  const error = new Error(outcome.error.message);
  error.name = 'RegisterError';
  throw error;
}

const regi = {
  getState: () => call('getState'),
  scan: (request) => call('scan', request),
  setQuantity: (request) => call('setQuantity', request),
  voidLine: (request) => call('voidLine', request),
  payCash: (request) => call('payCash', request),
  newSale: () => call('newSale'),
  recentSales: (request) => call('recentSales', request),
  getSale: (request) => call('getSale', request),
  beginWallet: (request) => call('beginWallet', request),
  payWallet: (request) => call('payWallet', request),
  abortWallet: () => call('abortWallet'),
  refundSale: (request) => call('refundSale', request),
  approveOverride: (request) => call('approveOverride', request),
  cancelOverride: () => call('cancelOverride'),
  confirmAge: (request) => call('confirmAge', request),
  managerLogin: (request) => call('managerLogin', request),
  managerLogout: (request) => call('managerLogout', request),
  limitsOverview: (request) => call('limitsOverview', request),
  limitsSave: (request) => call('limitsSave', request),
  limitsImport: (request) => call('limitsImport', request),
  limitsExport: (request) => call('limitsExport', request),
  limitsDryRun: (request) => call('limitsDryRun', request),
  auditLog: (request) => call('auditLog', request),
  auditVerify: (request) => call('auditVerify', request),
  outboxList: (request) => call('outboxList', request),
  outboxRetry: (request) => call('outboxRetry', request),
  getStoreSettings: () => call('getStoreSettings'),
  setStoreSettings: (request) => call('setStoreSettings', request),
  searchSales: (request) => call('searchSales', request),
  salesReports: (request) => call('salesReports', request),
} satisfies RegisterApi;

const regiEvents: RegiEventsBridge = {
  subscribe(listener: (event: RegisterEvent) => void) {
    const forward = (_event: Electron.IpcRendererEvent, payload: RegisterEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('regi', regi);
contextBridge.exposeInMainWorld('regiEvents', regiEvents);
