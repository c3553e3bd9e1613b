// The flow behind an element's action button: pick a wallet when there are several, connect, then
// sign with the account shown and deliver. An element brings its own steps (what to sign, where it
// goes); another flow on the same element (such as unsubscribing) is another instance.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Address } from '../../core/address.js';
import { DeliveryController } from '../../delivery/delivery-controller.js';
import type { OutboxEntry } from '../../delivery/outbox.js';
import { XmtpError } from '../../internal/errors.js';
import type { Connector } from '../../wallet/connector.js';
import type { WalletController } from '../../wallet/wallet-controller.js';
import { BUSY_STATUSES, type Status } from './status.js';
import type { StatusController } from './status-controller.js';
import { walletHelpReady } from './wallet-help-loader.js';

/** What an element does at each step of the flow. */
export interface FlowSteps {
  /** Throws a `wrong-account` `XmtpError` when `account` may not sign here; runs before any signature. */
  checkAccount?(account: Address): void;
  /** Whether the connected reader needs nothing more (a returning subscriber). */
  alreadyDone?(account: Address): Promise<boolean>;
  /** Signs with `account` (the one shown; the status is `signing`) and delivers the result. */
  sign(account: Address): Promise<void>;
  /** Sends the signed payload waiting in the outbox again (the status is `queued`). */
  resend?(): Promise<void>;
  /** Where the flow starts, and goes back to when the reader backs out: `idle` unless given. */
  origin?: 'idle' | 'done';
  /**
   * Whether to stop at `connected` for a deliberate sign click even when the wallet connected
   * without asking (a compact card shows who and what only then).
   */
  confirm?(): boolean;
}

export class SigningFlow implements ReactiveController {
  readonly #delivery: DeliveryController;
  /** This flow connected a wallet and waits for the click that signs. */
  #awaitingSign = false;
  /** The action was pressed while a returning reader was being checked: it runs once that ends. */
  #pressedWhileChecking = false;
  /** Counts connection attempts, so one the reader gave up on ends silently, whenever it ends. */
  #attempt = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly state: StatusController,
    private readonly wallet: WalletController,
    private readonly steps: FlowSteps,
  ) {
    host.addController(this);
    this.#delivery = new DeliveryController(host, () => {
      if (state.value === 'queued') void this.run(this.#resend);
    });
  }

  get #origin(): Status {
    return this.steps.origin ?? 'idle';
  }

  hostUpdate(): void {
    const status = this.state.value;
    // The wallet disconnected or dropped the account while waiting for the sign click.
    if (status !== 'connected') this.#awaitingSign = false;
    else if (this.#awaitingSign && !this.wallet.account) this.state.set(this.#origin);
    // A click is not lost to a check that ends in a moment; if the reader turned out to be
    // subscribed already, it is dropped rather than asking for a second signature.
    if (this.#pressedWhileChecking && status !== 'checking') {
      this.#pressedWhileChecking = false;
      if (status === this.#origin) this.advance();
    }
  }

  /** The action button was pressed: takes the next step from where the element is. */
  advance(): void {
    const { state, wallet } = this;
    const account = wallet.account;
    if (state.value === 'checking') this.#pressedWhileChecking = true;
    // After a final refusal, signing the same thing again would only be refused again.
    if (BUSY_STATUSES.has(state.value) || state.refused) return;
    if (state.value === 'queued') void this.run(this.#resend);
    // After a wrong account, connect again: the wallet may have switched without telling.
    else if (state.value === this.#origin || !account || state.failure?.code === 'wrong-account') {
      void this.run(() => (wallet.needsChoice ? this.#offerWallets() : this.#connect()));
    } else {
      void this.run(async () => {
        this.steps.checkAccount?.(account);
        await this.#sign(account);
      });
    }
  }

  /** The reader chose `wallet` in the picker. */
  pick(wallet: Connector): void {
    this.wallet.choose(wallet);
    void this.run(() => this.#connect());
  }

  /** The reader wants another wallet than the one chosen: forget it, and offer them all again. */
  switchWallet(): void {
    this.wallet.forgetChoice();
    void this.run(() => this.#offerWallets());
  }

  /**
   * Shows the picker once its code is here (fetched as soon as several wallets announced
   * themselves, so normally at once); if it cannot load, a `network` error the reader can retry.
   */
  async #offerWallets(): Promise<void> {
    await walletHelpReady();
    this.state.set('picking');
  }

  /**
   * The reader gave up on a wallet still connecting (a WalletConnect pairing nobody scanned): back to
   * the start, with the choice dropped so the next click offers every wallet again.
   */
  cancelConnect(): void {
    if (this.state.value !== 'connecting') return;
    this.#attempt++;
    this.wallet.cancelConnect();
    this.state.set(this.#origin);
  }

  /** The reader closed the picker. */
  cancelPick(): void {
    this.state.set(this.#origin);
  }

  /**
   * Sends a signed payload through the outbox and answers `{ answer }`, the endpoint's JSON; or,
   * when the network fails, leaves it saved, shows `queued` and answers undefined.
   */
  async deliver<T>(entry: OutboxEntry): Promise<{ answer: T } | undefined> {
    this.state.set('submitting');
    try {
      return { answer: await this.#delivery.send<T>(entry) };
    } catch (error) {
      if (!(error instanceof XmtpError && error.code === 'network')) throw error;
      this.state.queue(error);
      return undefined;
    }
  }

  /**
   * Runs a step of the flow; whatever it throws becomes a shown error. The wallet's and the
   * server's failures arrive classified; anything else is this page's fault, never the wallet's.
   */
  async run(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.state.fail(
        error instanceof XmtpError ? error : new XmtpError('unexpected', (error as Error)?.message ?? String(error)),
      );
    }
  }

  async #connect(): Promise<void> {
    this.state.set('connecting');
    const attempt = ++this.#attempt;
    const connected = await this.wallet.connect().catch((error: unknown) => ({ error }));
    if (attempt !== this.#attempt) return;
    if ('error' in connected) throw connected.error;
    const { account, prompted } = connected;
    this.steps.checkAccount?.(account);
    if (await this.steps.alreadyDone?.(account)) return this.state.set('done');
    // A wallet that just asked the reader to connect gets a second, deliberate click to sign.
    if (prompted || this.steps.confirm?.()) {
      this.#awaitingSign = true;
      return this.state.set('connected');
    }
    await this.#sign(account);
  }

  async #sign(account: Address): Promise<void> {
    this.state.set('signing');
    await this.steps.sign(account);
  }

  #resend = async (): Promise<void> => this.steps.resend?.();
}
