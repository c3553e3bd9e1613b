// The slice of EIP-1193 the elements rely on, so any provider (injected, WalletConnect, an SDK) fits.
import type { EIP1193RequestFn, Transport } from 'viem';

export interface Eip1193RequestArguments {
  method: string;
  params?: readonly unknown[] | object;
}

export interface Eip1193Provider {
  request(args: Eip1193RequestArguments): Promise<unknown>;
  on?(event: string, listener: (...args: any[]) => void): unknown;
  removeListener?(event: string, listener: (...args: any[]) => void): unknown;
}

/** The provider a wallet extension injects, if any; read only when asked, never at import. */
export function injectedProvider(): Eip1193Provider | undefined {
  return typeof window === 'undefined'
    ? undefined
    : (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
}

/**
 * A viem transport that hands requests straight to the provider. viem's `custom()` transport wraps
 * every request in retries and its error classes; here a retry would open the wallet's prompt
 * again, the wallet's own EIP-1193 errors are what we classify, and skipping that pipeline keeps
 * about 3 KB gzip out of the CDN file.
 */
export function eip1193Transport(provider: Eip1193Provider): Transport {
  const request = ((args: Eip1193RequestArguments) => provider.request(args)) as EIP1193RequestFn;
  return () => ({
    config: { key: 'eip1193', name: 'EIP-1193 provider', type: 'eip1193', request, retryCount: 0 },
    request,
  });
}
