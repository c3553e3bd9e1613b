// WalletConnect for the browser tests, offline: a relay stand-in on 127.0.0.1 (started on first use)
// and phone wallets built on @reown/walletkit that pair with the URI a page shows, approve and sign.
// Driven by commands (`executeServerCommand` from @web/test-runner-commands).
import { startRelay } from './walletconnect-relay.mjs';
import { startTestWallet } from './walletconnect-wallet.mjs';

export function walletConnectPlugin() {
  let relayStarting;
  const relay = () => (relayStarting ??= startRelay());
  const wallets = new Map();
  let nextId = 1;

  const commands = {
    /** The relay's URL, for a page's `walletconnect-relay-url`. */
    async 'walletconnect:relay'() {
      return { relayUrl: (await relay()).relayUrl };
    },
    /** The methods the relay was asked so far, in order. */
    async 'walletconnect:relay-methods'() {
      return { methods: [...(await relay()).methods] };
    },
    /** A new wallet of `privateKey` pairs with `uri` and approves: `{ id, address }` once approved. */
    async 'walletconnect:wallet-pair'({ uri, privateKey }) {
      const wallet = await startTestWallet({ relayUrl: (await relay()).relayUrl, privateKey });
      const id = nextId++;
      wallets.set(id, wallet);
      await wallet.pair(uri);
      return { id, address: wallet.address };
    },
    /** The methods wallet `id` was asked through its session. */
    async 'walletconnect:wallet-requests'({ id }) {
      return { requests: [...wallets.get(id).requests] };
    },
    /** Wallet `id` ends its sessions, as a reader disconnecting in the app would. */
    async 'walletconnect:wallet-disconnect'({ id }) {
      await wallets.get(id).disconnect();
      return { disconnected: true };
    },
    /** Wallet `id` ends its sessions when next asked to sign, instead of answering. */
    async 'walletconnect:wallet-disconnect-when-asked'({ id }) {
      wallets.get(id).disconnectWhenAsked();
      return { armed: true };
    },
  };

  return {
    name: 'walletconnect',
    async serverStop() {
      for (const wallet of wallets.values()) await wallet.stop();
      await relayStarting?.then((started) => started.stop());
    },
    async executeCommand({ command, payload }) {
      return commands[command]?.(payload ?? {});
    },
  };
}
