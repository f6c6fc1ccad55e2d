/**
 * The sandbox gateway (gateway/sim startGatewayServer) in a process of its own, so on a 2-core machine it gets a
 * core while the load generator (the bench process) uses the other. Talks to its parent over the fork IPC channel:
 *   -> { type: 'ready', url, adminToken }
 *   <- { type: 'wallets', count, balance }  -> { type: 'wallets', walletIds }   (created in one transaction: setup only)
 *   <- { type: 'codes', walletIds }         -> { type: 'codes', codes }         (what each wallet's phone shows now)
 *   <- { type: 'stop' }                     -> exits after closing the server
 */
import { startGatewayServer } from '../../gateway/sim/server.js';

export type GatewayChildRequest =
  | { type: 'wallets'; count: number; balance: number }
  | { type: 'codes'; walletIds: string[] }
  | { type: 'stop' };

export type GatewayChildReply =
  | { type: 'ready'; url: string; adminToken: string; pid: number }
  | { type: 'wallets'; walletIds: string[] }
  | { type: 'codes'; codes: string[] }
  | { type: 'error'; message: string };

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error('usage: fork gateway-child.ts DATA_DIR (needs an IPC channel)');
  process.exit(2);
}
const send = (reply: GatewayChildReply) => process.send!(reply);

const gateway = await startGatewayServer({ dataDir, port: 0 });
const { services } = gateway;

process.on('message', (raw: GatewayChildRequest) => {
  try {
    if (raw.type === 'wallets') {
      const ids = services.db.transaction(() =>
        Array.from({ length: raw.count }, (_, i) => services.wallets.create({ balance: raw.balance, name: `bench-${i}` }).walletId),
      )();
      send({ type: 'wallets', walletIds: ids });
    } else if (raw.type === 'codes') {
      send({ type: 'codes', codes: raw.walletIds.map((id) => services.wallets.currentCode(id).code) });
    } else if (raw.type === 'stop') {
      void gateway.close().then(() => process.exit(0));
    } else {
      send({ type: 'error', message: `unknown request ${JSON.stringify(raw)}` });
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
// The parent going away (a crashed bench) must not leave a gateway behind.
process.on('disconnect', () => void gateway.close().then(() => process.exit(0)));

send({ type: 'ready', url: gateway.url, adminToken: gateway.adminToken, pid: process.pid });
