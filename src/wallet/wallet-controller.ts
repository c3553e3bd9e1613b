// Connects an element to the reader's wallet and signs with exactly the account it shows.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createClient, getAddress, type Address, type Client, type Hex } from 'viem';
import { getAddresses, requestAddresses, signMessage } from 'viem/actions';
import { XmtpError } from '../elements/shared/errors.js';
import { eip1193Transport, injectedProvider, type Eip1193Provider } from './eip1193.js';
import { classifyWalletError } from './wallet-error.js';

export class WalletController implements ReactiveController {
  /** The connected account shown to the reader; every signature is made with it. */
  account: Address | undefined;

  #connection: { provider: Eip1193Provider; client: Client } | undefined;

  /** `givenProvider` reads the host's `provider` property: a page's provider wins over discovery. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly givenProvider: () => Eip1193Provider | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#disconnect();
  }

  /**
   * Connects to the wallet: silently when it already granted an account, else with a prompt.
   * `prompted` tells whether the reader had to approve, so signing waits for a second click.
   */
  async connect(): Promise<{ account: Address; prompted: boolean }> {
    const client = this.#client();
    try {
      let [account] = await getAddresses(client);
      const prompted = !account;
      if (!account) [account] = await requestAddresses(client);
      if (!account) throw new XmtpError('no-wallet', 'the wallet shared no account');
      this.#setAccount(account);
      return { account, prompted };
    } catch (error) {
      throw classifyWalletError(error);
    }
  }

  /**
   * Signs `message` (EIP-191 `personal_sign`) with `account`, the account the reader was shown.
   * Refuses, without asking the wallet to sign, when the wallet has switched away from it.
   */
  async signMessage(message: string, account: Address): Promise<Hex> {
    if (!this.#connection) throw new XmtpError('no-wallet', 'no wallet is connected');
    const { client } = this.#connection;
    let signature: unknown;
    try {
      const [current] = await getAddresses(client);
      if (current !== account || this.account !== account) {
        this.#setAccount(current);
        throw new XmtpError('wrong-account', `the wallet switched from ${account} to ${current ?? 'no account'}`);
      }
      signature = await signMessage(client, { account, message });
    } catch (error) {
      throw classifyWalletError(error);
    }
    if (typeof signature !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(signature)) {
      throw new XmtpError('user-rejected', 'the wallet answered with something that is not a signature');
    }
    return signature as Hex;
  }

  #client(): Client {
    const provider = this.givenProvider() ?? injectedProvider();
    if (!provider) throw new XmtpError('no-wallet', 'no wallet was given or found in this browser');
    if (this.#connection?.provider !== provider) {
      this.#disconnect();
      const client = createClient({ transport: eip1193Transport(provider) });
      provider.on?.('accountsChanged', this.#onAccountsChanged);
      this.#connection = { provider, client };
    }
    return this.#connection.client;
  }

  #disconnect(): void {
    this.#connection?.provider.removeListener?.('accountsChanged', this.#onAccountsChanged);
    this.#connection = undefined;
    this.#setAccount(undefined);
  }

  #onAccountsChanged = (accounts: unknown): void => {
    const [first] = Array.isArray(accounts) ? accounts : [];
    this.#setAccount(typeof first === 'string' ? getAddress(first) : undefined);
  };

  #setAccount(account: Address | undefined): void {
    if (account === this.account) return;
    this.account = account;
    this.host.requestUpdate();
  }
}
