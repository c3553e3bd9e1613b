// EIP-6963 wallet discovery: each wallet extension announces itself to the page, so several can
// live side by side instead of fighting over `window.ethereum`.
import type { Eip1193Provider } from './eip1193.js';

export interface WalletInfo {
  uuid: string;
  name: string;
  /** A data: URI image, per EIP-6963. */
  icon: string;
  /** Reverse-DNS id of the wallet, stable across visits (e.g. `io.metamask`). */
  rdns: string;
}

export interface AnnouncedWallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

/**
 * Listens for wallet announcements and asks every wallet to announce itself. `onChange` gets the
 * wallets announced so far (one per uuid, in order) after each announcement. Returns `stop`.
 */
export function discoverWallets(onChange: (wallets: AnnouncedWallet[]) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const wallets = new Map<string, AnnouncedWallet>();
  const onAnnounce = (event: Event) => {
    const { info, provider } = (event as CustomEvent<Partial<AnnouncedWallet>>).detail ?? {};
    if (typeof info?.uuid !== 'string' || typeof info.name !== 'string' || typeof provider?.request !== 'function') {
      return;
    }
    wallets.set(info.uuid, { info, provider });
    onChange([...wallets.values()]);
  };
  window.addEventListener('eip6963:announceProvider', onAnnounce);
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  return () => window.removeEventListener('eip6963:announceProvider', onAnnounce);
}
