// The WalletConnect add-on: an EIP-1193 provider over WalletConnect's own `@walletconnect/sign-client`,
// so the elements connect a phone wallet exactly as they connect an extension. Its own file (npm
// `xmtp-subscribe/walletconnect`, CDN `xmtp-subscribe-walletconnect.js`), loaded only once a reader
// picks WalletConnect: about 135 KB gzip that no other reader downloads.
import { SignClient } from '@walletconnect/sign-client';
import { tryChecksumAddress, type Address } from '../../core/address.js';
import { XmtpError } from '../../internal/errors.js';
import type { Eip1193Provider, Eip1193RequestArguments } from '../eip1193.js';
import { DEFAULT_RELAY_URL, type WalletConnectOptions } from './options.js';

export type { WalletConnectOptions } from './options.js';

type Client = Awaited<ReturnType<typeof SignClient.init>>;
type Session = ReturnType<Client['session']['getAll']>[number];
type Listener = (...args: any[]) => void;

/** What is asked of the wallet: signing texts only, on any chain it holds the account on. */
const NAMESPACES = {
  eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: ['accountsChanged', 'chainChanged'] },
};

/** How long the relay may take to accept a pairing before the reader is told it cannot be reached. */
const RELAY_TIMEOUT_MS = 10_000;

/** WalletConnect's reason for a disconnect the reader asked for (its SDK error USER_DISCONNECTED). */
const USER_DISCONNECTED = { code: 6000, message: 'User disconnected.' };

/** An EIP-1193 error, as the elements classify them (4001: the reader said no; 4900: disconnected). */
function providerError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Connects to a phone wallet through a WalletConnect relay. `eth_requestAccounts` proposes a
 * session and emits `display_uri` with the pairing URI to show (QR code or app link), then answers
 * the approved session's account; `personal_sign` goes through the session;
 * `wallet_revokePermissions` abandons a pairing still waiting, or ends the session.
 * `accountsChanged` and `disconnect` follow the session.
 */
export class WalletConnectProvider implements Eip1193Provider {
  readonly #client: Promise<Client>;
  #session: Session | undefined;
  #listeners = new Map<string, Set<Listener>>();
  /** The pairing waiting for the reader's wallet, and how to give up on it. */
  #pairing: { cancel: () => void } | undefined;

  constructor({ projectId, relayUrl = DEFAULT_RELAY_URL }: WalletConnectOptions) {
    this.#client = SignClient.init({
      projectId,
      relayUrl,
      // Its own storage keys, so a page that also runs WalletConnect keeps its sessions apart.
      customStoragePrefix: `xmtp-subscribe:${relayUrl}`,
      // No usage reports to WalletConnect's pulse service.
      telemetryEnabled: false,
    }).then((client) => this.#follow(client, relayUrl));
  }

  async request({ method, params }: Eip1193RequestArguments): Promise<unknown> {
    switch (method) {
      case 'eth_accounts':
        await this.#client;
        return this.#accounts();
      case 'eth_requestAccounts':
        await this.#client;
        return this.#session ? this.#accounts() : this.#connect();
      case 'personal_sign':
        return this.#sign(params as readonly unknown[]);
      case 'wallet_revokePermissions':
        return this.#disconnect();
      default:
        throw providerError(4200, `${method} is not offered through WalletConnect here`);
    }
  }

  on(event: string, listener: Listener): this {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  #emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  /** Restores the newest live session this browser kept, and follows what happens to sessions. */
  #follow(client: Client, relayUrl: string): Client {
    if (relayUrl !== DEFAULT_RELAY_URL) {
      // A self-hosted relay has no WalletConnect Verify beside it: skip the attestation (an iframe
      // to verify.walletconnect.org) that every proposal would otherwise wait up to 5 s for.
      client.core.verify.register = async () => '';
    }
    const now = Date.now() / 1000;
    this.#session = client.session.getAll().filter((session) => session.expiry > now && accountsOf(session).length).at(-1);
    const ended = ({ topic }: { topic: string }) => {
      if (topic !== this.#session?.topic) return;
      this.#session = undefined;
      this.#emit('accountsChanged', []);
      this.#emit('disconnect', providerError(4900, 'the WalletConnect session ended'));
    };
    client.on('session_delete', ended);
    client.on('session_expire', ended);
    client.on('session_update', ({ topic }) => {
      if (topic !== this.#session?.topic) return;
      this.#session = client.session.get(topic);
      this.#emit('accountsChanged', this.#accounts());
    });
    client.on('session_event', ({ topic, params }) => {
      if (topic === this.#session?.topic && params.event.name === 'accountsChanged') this.#emit('accountsChanged', params.event.data);
    });
    return client;
  }

  #accounts(): Address[] {
    return this.#session ? accountsOf(this.#session) : [];
  }

  /** Proposes a session: the pairing URI goes to whoever shows it, the approved account comes back. */
  async #connect(): Promise<Address[]> {
    const client = await this.#client;
    this.#pairing?.cancel();
    // No URI to show in time means the relay could not be reached (the client itself retries for
    // minutes): the network's fault, or a Content-Security-Policy without the relay in connect-src.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unreachable = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${RELAY_TIMEOUT_MS} ms`)), RELAY_TIMEOUT_MS);
    });
    const { uri, approval } = await Promise.race([client.connect({ optionalNamespaces: NAMESPACES }), unreachable])
      .catch((error: unknown) => {
        const reason = (error as Error)?.message ?? String(error);
        throw Object.assign(new XmtpError('network', `the WalletConnect relay could not be reached: ${reason}`), { cause: error });
      })
      .finally(() => clearTimeout(timer));
    const approved = approval();
    const cancelled = new Promise<never>((_, reject) => {
      this.#pairing = { cancel: () => reject(providerError(4001, 'the reader closed the WalletConnect pairing')) };
    });
    // A session approved after the reader gave up is ended at once, not kept.
    void approved.then(
      (session) => cancelled.catch(() => client.disconnect({ topic: session.topic, reason: USER_DISCONNECTED })),
      () => {},
    );
    this.#emit('display_uri', uri);
    try {
      this.#session = await Promise.race([approved, cancelled]);
    } finally {
      this.#pairing = undefined;
    }
    const accounts = this.#accounts();
    this.#emit('accountsChanged', accounts);
    return accounts;
  }

  async #sign(params: readonly unknown[]): Promise<unknown> {
    const client = await this.#client;
    const session = this.#session;
    if (!session) throw providerError(4900, 'no WalletConnect session is open');
    const account = session.namespaces.eip155?.accounts.find((id) => tryChecksumAddress(id.split(':')[2]) === tryChecksumAddress(params[1]));
    if (!account) throw providerError(4100, 'the WalletConnect session holds no such account');
    const chainId = account.split(':').slice(0, 2).join(':');
    const request = { method: 'personal_sign', params: [...params] };
    return client.request({ topic: session.topic, chainId, request }).catch((error: unknown) => {
      // The phone ended the session instead of answering: the wallet is disconnected, not refusing.
      if ((error as { code?: unknown } | undefined)?.code === USER_DISCONNECTED.code) {
        throw providerError(4900, 'the WalletConnect session ended while the wallet was asked to sign');
      }
      throw error;
    });
  }

  async #disconnect(): Promise<null> {
    this.#pairing?.cancel();
    const client = await this.#client;
    const session = this.#session;
    if (session) {
      this.#session = undefined;
      await client.disconnect({ topic: session.topic, reason: USER_DISCONNECTED }).catch(() => {});
      this.#emit('accountsChanged', []);
    }
    return null;
  }
}

/** The session's accounts (CAIP-10 `eip155:<chain>:<address>`), as checksummed addresses, once each. */
function accountsOf(session: Session): Address[] {
  const addresses = (session.namespaces.eip155?.accounts ?? []).map((id) => tryChecksumAddress(id.split(':')[2]));
  return [...new Set(addresses.filter((address): address is Address => address !== undefined))];
}

/** One provider per relay and project on the page, shared by its elements (one phone, one session). */
const providers = new Map<string, WalletConnectProvider>();

export function walletConnectProvider(options: WalletConnectOptions): WalletConnectProvider {
  const key = `${options.projectId} ${options.relayUrl ?? DEFAULT_RELAY_URL}`;
  let provider = providers.get(key);
  if (!provider) providers.set(key, (provider = new WalletConnectProvider(options)));
  return provider;
}
