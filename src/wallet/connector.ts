// A way to reach a wallet: an extension that announced itself (EIP-6963), `window.ethereum`, and
// later add-ons such as WalletConnect, whose code may load only once the reader picks it.
import { injectedProvider, type Eip1193Provider } from './eip1193.js';

export interface Connector {
  /** Stable across visits, so the reader's choice can be remembered (an EIP-6963 `rdns`). */
  id: string;
  name: string;
  /** A data: URI image, if the wallet has one. */
  icon?: string;
  /**
   * Its code loads on first use (an add-on such as WalletConnect): it is never asked anything on
   * page load unless the reader chose it on an earlier visit.
   */
  lazy?: boolean;
  provider(): Eip1193Provider | Promise<Eip1193Provider>;
}

/** The wallet extension's `window.ethereum`, if there is one; read only when asked, never at import. */
export function injectedConnector(): Connector | undefined {
  const provider = injectedProvider();
  return provider && { id: 'injected', name: 'Browser wallet', provider: () => provider };
}
