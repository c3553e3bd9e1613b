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
 * themselves, EIP-6963, or else `window.ethereum`): the one the reader chose (now or on an earlier
 * visit), or the only one. When there are several and none is chosen, `needsChoice` asks the host
 * to show a picker.
 */
export class WalletController implements ReactiveController {
  /** The connected account shown to the reader; every signature is made with it. */
  account: Address | undefined;

  /** The wallets that announced themselves, in order: what the picker offers. */
  wallets: readonly Connector[] = [];

  #chosen: Connector | undefined;
  /** The provider connected to, whose events the controller follows. */
  #connected: Eip1193Provider | undefined;
  #stopDiscovery: (() => void) | undefined;

  /** `givenProvider` reads the host's `provider` property. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly givenProvider: () => Eip1193Provider | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopDiscovery = discoverWallets((wallets) => {
      this.wallets = wallets;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#stopDiscovery?.();
    this.#disconnect();
  }

  /** Several wallets announced and the reader has not chosen one: show them a picker. */
  get needsChoice(): boolean {
    return !this.givenProvider() && this.wallets.length > 1 && !this.#chosenConnector();
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
    }
  }

  /**
   * The account the wallet already granted this site, asked without any prompt (`eth_accounts`),
   * and only of a wallet that needs no choosing; undefined when there is none or it fails.
   */
  async grantedAccount(): Promise<Address | undefined> {
    const provider = this.needsChoice ? undefined : await this.#provider().catch(() => undefined);
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
    const injected = this.wallets.length ? undefined : injectedConnector();
    const connectors = injected ? [injected] : this.wallets;
    if (this.#chosen && connectors.includes(this.#chosen)) return this.#chosen;
    const remembered = readItem(CHOICE_KEY);
    return connectors.find(({ id }) => id === remembered) ?? (connectors.length === 1 ? connectors[0] : undefined);
  }

  /** The provider to use, connected to: its account events are followed from then on. */
  async #provider(): Promise<Eip1193Provider | undefined> {
    const provider = this.givenProvider() ?? (await this.#chosenConnector()?.provider());
    if (provider && provider !== this.#connected) {
      this.#disconnect();
      provider.on?.('accountsChanged', this.#onAccountsChanged);
      provider.on?.('chainChanged', this.#onChainChanged);
      provider.on?.('disconnect', this.#onDisconnect);
      this.#connected = provider;
    }
    return provider;
  }

  #disconnect(): void {
    const provider = this.#connected;
    provider?.removeListener?.('accountsChanged', this.#onAccountsChanged);
    provider?.removeListener?.('chainChanged', this.#onChainChanged);
    provider?.removeListener?.('disconnect', this.#onDisconnect);
    this.#connected = undefined;
    this.#setAccount(undefined);
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
