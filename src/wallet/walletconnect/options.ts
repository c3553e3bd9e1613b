// How a page configures WalletConnect: shared by the connector in the elements' file and the add-on.

/** WalletConnect's own relay, used unless the page names another (a self-hosted one). */
export const DEFAULT_RELAY_URL = 'wss://relay.walletconnect.org';

export interface WalletConnectOptions {
  /** The project id from WalletConnect Cloud (dashboard.reown.com). */
  projectId: string;
  /** The relay's WebSocket URL; WalletConnect's own by default. */
  relayUrl?: string;
}
