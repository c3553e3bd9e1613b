// A phone wallet for the WalletConnect tests, built on WalletConnect's own wallet-side package
// (@reown/walletkit): it pairs with the URI a page shows, approves the session with one account and
// signs `personal_sign` requests with that account's private key (viem), all through the relay given.
import { Core } from '@walletconnect/core';
import { WalletKit } from '@reown/walletkit';
import { privateKeyToAccount } from 'viem/accounts';

/** Keeps the wallet's state in memory: nothing is written to disk and nothing outlives the test. */
function memoryStorage() {
  const items = new Map();
  return {
    getKeys: async () => [...items.keys()],
    getEntries: async () => [...items.entries()],
    getItem: async (key) => items.get(key),
    setItem: async (key, value) => void items.set(key, value),
    removeItem: async (key) => void items.delete(key),
  };
}

let wallets = 0;

/**
 * A wallet holding the account of `privateKey`, on the relay at `relayUrl`. `pair(uri)` resolves
 * once it approved the session proposed there; `requests` lists the methods it was asked to sign
 * with; `disconnect()` ends its sessions (the page hears it); after `disconnectWhenAsked()` it ends
 * them instead of answering the next request, as a reader disconnecting in the app would;
 * `stop()` closes its connection.
 */
export async function startTestWallet({ relayUrl, privateKey }) {
  const account = privateKeyToAccount(privateKey);
  const core = new Core({
    projectId: 'test-wallet',
    relayUrl,
    storage: memoryStorage(),
    customStoragePrefix: `test-wallet-${++wallets}`,
    telemetryEnabled: false,
    logger: 'silent',
  });
  // Offline: no usage report at start (WalletKit sends one even with telemetry off), and no look-up
  // of the page's Verify attestation (the page sends none to a relay of its own).
  core.eventClient.init = async () => {};
  core.verify.resolve = async () => undefined;
  const kit = await WalletKit.init({
    core,
    metadata: { name: 'Test wallet', description: 'The browser tests’ phone wallet', url: 'http://127.0.0.1', icons: [] },
  });
  const requests = [];
  let disconnectWhenAsked = false;
  let approve;
  const approved = new Promise((resolve, reject) => (approve = { resolve, reject }));

  kit.on('session_proposal', async ({ id, params }) => {
    const chains = [...new Set(Object.values({ ...params.requiredNamespaces, ...params.optionalNamespaces }).flatMap((ns) => ns.chains ?? []))];
    const eip155 = chains.filter((chain) => chain.startsWith('eip155:'));
    try {
      const session = await kit.approveSession({
        id,
        namespaces: {
          eip155: {
            chains: eip155,
            accounts: eip155.map((chain) => `${chain}:${account.address}`),
            methods: ['personal_sign'],
            events: ['accountsChanged', 'chainChanged'],
          },
        },
      });
      approve.resolve(session);
    } catch (error) {
      approve.reject(error);
    }
  });

  kit.on('session_request', async ({ id, topic, params }) => {
    const { method, params: args } = params.request;
    requests.push(method);
    if (disconnectWhenAsked) return disconnect();
    const response =
      method === 'personal_sign'
        ? { id, jsonrpc: '2.0', result: await account.signMessage({ message: { raw: args[0] } }) }
        : { id, jsonrpc: '2.0', error: { code: 4200, message: `${method} is not supported by the test wallet` } };
    await kit.respondSessionRequest({ topic, response });
  });

  async function disconnect() {
    for (const topic of Object.keys(kit.getActiveSessions())) {
      await kit.disconnectSession({ topic, reason: { code: 6000, message: 'User disconnected.' } });
    }
  }

  return {
    address: account.address,
    requests,
    async pair(uri) {
      await kit.pair({ uri });
      const session = await approved;
      return { topic: session.topic };
    },
    disconnect,
    disconnectWhenAsked() {
      disconnectWhenAsked = true;
    },
    async stop() {
      await core.relayer.transportClose().catch(() => {});
    },
  };
}
