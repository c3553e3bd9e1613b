// WalletConnect as one more connector beside the wallets in the browser. Only this much is in the
// elements' file: the add-on (the WalletConnect client) loads when the reader picks it.
import { loadOnDemand } from '../../internal/on-demand.js';
import type { Connector } from '../connector.js';
import type { WalletConnectOptions } from './options.js';

/** The id a reader's choice of WalletConnect is remembered by. */
export const WALLETCONNECT_ID = 'walletconnect';

/**
 * A connector whose provider loads the add-on on first use. In the npm build this is a plain
 * dynamic import for the page's bundler; the CDN build turns it into a request for
 * xmtp-subscribe-walletconnect.js next to the script that defined the elements (rollup.config.mjs).
 */
export function walletConnectConnector(options: WalletConnectOptions): Connector {
  return {
    id: WALLETCONNECT_ID,
    name: 'WalletConnect',
    lazy: true,
    provider: async () => {
      const addOn = await loadOnDemand(() => import('./provider.js'), 'the WalletConnect add-on (xmtp-subscribe-walletconnect.js)');
      return addOn.walletConnectProvider(options);
    },
  };
}
