// EIP-6963 wallet discovery: each wallet extension announces itself to the page, so several can
// live side by side instead of fighting over `window.ethereum`.
import type { Connector } from './connector.js';
import type { Eip1193Provider } from './eip1193.js';

interface WalletInfo {
  uuid: string;
  name: string;
  /** A data: URI image, per EIP-6963. */
  icon: string;
  /** Reverse-DNS id of the wallet, stable across visits (e.g. `io.metamask`). */
  rdns: string;
}

interface Announcement {
  info: WalletInfo;
  provider: Eip1193Provider;
}

/**
 * Listens for wallet announcements and asks every wallet to announce itself. `onChange` gets the
 * wallets announced so far as connectors (one per uuid, in order, remembered by their `rdns`)
 * after each announcement. Returns `stop`.
 */
export function discoverWallets(onChange: (wallets: Connector[]) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const wallets = new Map<string, Connector>();
  const onAnnounce = (event: Event) => {
    const { info, provider } = (event as CustomEvent<Partial<Announcement>>).detail ?? {};
    if (typeof info?.uuid !== 'string' || typeof info.name !== 'string' || typeof provider?.request !== 'function') {
      return;
    }
    wallets.set(info.uuid, { id: info.rdns, name: info.name, icon: info.icon, provider: () => provider });
    onChange([...wallets.values()]);
  };
  window.addEventListener('eip6963:announceProvider', onAnnounce);
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  return () => window.removeEventListener('eip6963:announceProvider', onAnnounce);
}
