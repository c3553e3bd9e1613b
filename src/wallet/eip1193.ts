// The slice of EIP-1193 the elements rely on, so any provider (injected, WalletConnect, an SDK) fits.

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
