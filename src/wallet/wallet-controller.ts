// Finds the reader's wallet, connects an element to it and signs with exactly the account it shows.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { tryChecksumAddress, type Address } from '../core/address.js';
import { XmtpError } from '../internal/errors.js';
import { readItem, removeItem, writeItem } from '../internal/local-storage.js';
import { injectedConnector, type Connector } from './connector.js';
import type { Eip1193Provider } from './eip1193.js';
import { discoverWallets } from './eip6963.js';
import { classifyWalletError } from './wallet-error.js';

/** Where the reader's choice among several wallets is kept (its `rdns`), for every element. */
const CHOICE_KEY = 'xmtp-subscribe:wallet';

/**
 * Which wallet: the page's `provider` wins; else one of the connectors (the wallets that announced
 * themselves, EIP-6963, or else `window.ethereum`; then the page's add-ons, such as WalletConnect):
 * the one the reader chose (now or on an earlier visit), or the only one. When there are several
 * and none is chosen, `needsChoice` asks the host to show a picker.
 */
export class WalletController implements ReactiveController {
  /** The connected account shown to the reader; every signature is made with it. */
  account: Address | undefined;

  /** While a wallet waits to be paired (WalletConnect): the URI to show as a QR code or app link. */
  pairingUri: string | undefined;

  /** The wallets that announced themselves, in order. */
  #announced: readonly Connector[] = [];

  #chosen: Connector | undefined;
  /** The provider connected to, whose events the controller follows. */
  #connected: Eip1193Provider | undefined;
  #stopDiscovery: (() => void) | undefined;

  /** `givenProvider` reads the host's `provider` property, `addOns` the connectors its page enabled. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly givenProvider: () => Eip1193Provider | undefined,
    private readonly addOns: () => readonly Connector[] = () => [],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopDiscovery = discoverWallets((wallets) => {
      this.#announced = wallets;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#stopDiscovery?.();
    this.#disconnect();
  }

  /**
   * What the picker offers: the wallets that announced themselves (or else `window.ethereum`), then
   * the add-ons.
   */
  get wallets(): readonly Connector[] {
    const injected = this.#announced.length ? undefined : injectedConnector();
    return [...(injected ? [injected] : this.#announced), ...this.addOns()];
  }

  /** Several wallets are there and the reader has not chosen one: show them a picker. */
  get needsChoice(): boolean {
    return !this.givenProvider() && this.wallets.length > 1 && !this.#chosenConnector();
  }

  /** Whether there is a wallet at all: the page's, one in this browser, or an add-on the page enabled. */
  get found(): boolean {
    return this.givenProvider() !== undefined || this.wallets.length > 0;
  }

  /** Whether there is another wallet to switch to than the one in use. */
  get canSwitch(): boolean {
    return !this.givenProvider() && this.wallets.length > 1;
  }

  /** The reader picked this wallet; it is remembered for later visits once it connected. */
  choose(wallet: Connector): void {
    this.#chosen = wallet;
  }

  /** The reader wants to pick again: the wallet in use and the remembered choice are dropped. */
  forgetChoice(): void {
    this.#chosen = undefined;
    removeItem(CHOICE_KEY);
    this.#disconnect();
  }

  /** The reader gave up while the wallet was being paired: the wallet is told, and the choice dropped. */
  cancelConnect(): void {
    const provider = this.#connected;
    this.forgetChoice();
    void provider?.request({ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] }).catch(() => {});
  }

  /**
   * Connects to the wallet: silently when it already granted an account, else with a prompt.
   * `prompted` tells whether the reader had to approve, so signing waits for a second click.
   */
  async connect(): Promise<{ account: Address; prompted: boolean }> {
    try {
      const provider = await this.#provider();
      if (!provider) throw new XmtpError('no-wallet', 'no wallet was given or found in this browser');
      let account = await firstAccount(provider, 'eth_accounts');
      const prompted = !account;
      account ??= await firstAccount(provider, 'eth_requestAccounts');
      if (!account) throw new XmtpError('no-wallet', 'the wallet shared no account');
      if (this.#chosen) writeItem(CHOICE_KEY, this.#chosen.id);
      this.#setAccount(account);
      return { account, prompted };
    } catch (error) {
      throw classifyWalletError(error);
    } finally {
      this.#setPairingUri(undefined);
    }
  }

  /**
   * The account the wallet already granted this site, asked without any prompt (`eth_accounts`),
   * and only of a wallet that needs no choosing, nor an add-on loaded that the reader never chose;
   * undefined when there is none or it fails.
   */
  async grantedAccount(): Promise<Address | undefined> {
    const provider = this.#askableOnLoad() ? await this.#provider().catch(() => undefined) : undefined;
    const account = provider && (await firstAccount(provider, 'eth_accounts').catch(() => undefined));
    this.#setAccount(account);
    return account;
  }

  /**
   * Signs `message` (EIP-191 `personal_sign`) with `account`, the account the reader was shown.
   * Refuses, without asking the wallet to sign, when the wallet has switched away from it.
   */
  async signMessage(message: string, account: Address): Promise<Address> {
    const provider = this.#connected;
    if (!provider) throw new XmtpError('no-wallet', 'no wallet is connected');
    let signature: unknown;
    try {
      const current = await firstAccount(provider, 'eth_accounts');
      if (current !== account || this.account !== account) {
        this.#setAccount(current);
        throw new XmtpError('wrong-account', `the wallet switched from ${account} to ${current ?? 'no account'}`);
      }
      signature = await provider.request({ method: 'personal_sign', params: [utf8Hex(message), account] });
    } catch (error) {
      throw classifyWalletError(error);
    }
    if (typeof signature !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(signature)) {
      throw new XmtpError('user-rejected', 'the wallet answered with something that is not a signature');
    }
    return signature as Address;
  }

  /** The connector chosen now or on an earlier visit, or the only one there is. */
  #chosenConnector(): Connector | undefined {
    const connectors = this.wallets;
    const chosen = this.#chosen?.id ?? readItem(CHOICE_KEY);
    return connectors.find(({ id }) => id === chosen) ?? (connectors.length === 1 ? connectors[0] : undefined);
  }

  /** Whether the wallet in use can be asked on page load: one is set, and no add-on the reader never chose. */
  #askableOnLoad(): boolean {
    if (this.givenProvider()) return true;
    const connector = this.#chosenConnector();
    return connector !== undefined && (!connector.lazy || readItem(CHOICE_KEY) === connector.id);
  }

  /** The provider to use, connected to: its account events are followed from then on. */
  async #provider(): Promise<Eip1193Provider | undefined> {
    const provider = this.givenProvider() ?? (await this.#chosenConnector()?.provider());
    if (provider && provider !== this.#connected) {
      this.#disconnect();
      provider.on?.('accountsChanged', this.#onAccountsChanged);
      provider.on?.('chainChanged', this.#onChainChanged);
      provider.on?.('disconnect', this.#onDisconnect);
      provider.on?.('display_uri', this.#onDisplayUri);
      this.#connected = provider;
    }
    return provider;
  }

  #disconnect(): void {
    const provider = this.#connected;
    provider?.removeListener?.('accountsChanged', this.#onAccountsChanged);
    provider?.removeListener?.('chainChanged', this.#onChainChanged);
    provider?.removeListener?.('disconnect', this.#onDisconnect);
    provider?.removeListener?.('display_uri', this.#onDisplayUri);
    this.#connected = undefined;
    this.#setAccount(undefined);
    this.#setPairingUri(undefined);
  }

  #onAccountsChanged = (accounts: unknown): void => {
    this.#setAccount(tryChecksumAddress(Array.isArray(accounts) ? accounts[0] : undefined));
  };

  // Some wallets keep a different account per chain: read it again, without a prompt.
  #onChainChanged = (): void => {
    const provider = this.#connected;
    if (!provider) return;
    const account = firstAccount(provider, 'eth_accounts').catch(() => undefined);
    void account.then((current) => this.#setAccount(current));
  };

  #onDisconnect = (): void => this.#setAccount(undefined);

  #onDisplayUri = (uri: unknown): void => this.#setPairingUri(typeof uri === 'string' ? uri : undefined);

  #setPairingUri(uri: string | undefined): void {
    if (uri === this.pairingUri) return;
    this.pairingUri = uri;
    this.host.requestUpdate();
  }

  #setAccount(account: Address | undefined): void {
    if (account === this.account) return;
    this.account = account;
    this.host.requestUpdate();
  }
}

/** The wallet's first account, checksummed: granted already (`eth_accounts`) or asked for with a prompt. */
async function firstAccount(
  provider: Eip1193Provider,
  method: 'eth_accounts' | 'eth_requestAccounts',
): Promise<Address | undefined> {
  const accounts = await provider.request({ method });
  return tryChecksumAddress(Array.isArray(accounts) ? accounts[0] : undefined);
}

/** `personal_sign` takes the message as hex of its UTF-8 bytes. */
function utf8Hex(text: string): string {
  return `0x${Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
