// Shared helpers of the browser tests: real consent servers, real in-page wallets, status waits.
import { executeServerCommand } from '@web/test-runner-commands';
import type { Address } from 'viem';
import type { Status } from '../../src/elements/shared/status.js';
import type { SmartWallet } from '../support/chain.mjs';
import { rpcError, type ThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpElement } from '../../src/elements/shared/xmtp-element.js';
import type { Eip1193Provider, Eip1193RequestArguments } from '../../src/wallet/eip1193.js';

/**
 * Every test starts in a browser that remembers no reader on any list: test files share one origin,
 * so one file's subscriptions would otherwise make the next file's new readers "returning".
 */
export function forgetReaders(): void {
  for (const key of Object.keys(localStorage)) if (/^xmtp-subscribe:0x/i.test(key)) localStorage.removeItem(key);
}
beforeEach(forgetReaders);

/** The publisher every consent server in the tests serves (a throwaway address). */
export const PUBLISHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

export interface ConsentServer {
  id: number;
  endpoint: string;
}

export interface StoredRecord {
  publisher: string;
  subscriber: string;
  state: 'allowed' | 'unsubscribed';
  timestampMs: number;
  signature: string;
  proof: string;
  signerKind: string;
  receivedAt: number;
}

/** A consent server on its own SQLite file; with `chain`, it verifies smart wallets on the local chain. */
export function startConsentServer(
  publishers: string[] = [PUBLISHER],
  { chain = false }: { chain?: boolean } = {},
): Promise<ConsentServer> {
  return executeServerCommand('consent-server:start', { publishers, chain });
}

export function stopConsentServer({ id }: ConsentServer): Promise<unknown> {
  return executeServerCommand('consent-server:stop', { id });
}

export function restartConsentServer({ id }: ConsentServer): Promise<unknown> {
  return executeServerCommand('consent-server:restart', { id });
}

export async function storedRecord(
  { id }: ConsentServer,
  publisher: string,
  subscriber: string,
): Promise<StoredRecord | null> {
  const { record } = await executeServerCommand<{ record: StoredRecord | null }, object>('consent-server:record', {
    id,
    publisher,
    subscriber,
  });
  return record;
}

export async function storedCount({ id }: ConsentServer, publisher: string): Promise<number> {
  const { count } = await executeServerCommand<{ count: number }, object>('consent-server:count', { id, publisher });
  return count;
}

/** A new smart-contract wallet of `owner` on the local chain: deployed (ERC-1271) or not yet (ERC-6492). */
export function createSmartWallet(owner: Address, { deployed }: { deployed: boolean }): Promise<SmartWallet> {
  return executeServerCommand('smart-wallet:create', { owner, deployed });
}

/** A server that keeps what identity prompts POST to their `endpoint`. */
export function startCollector(): Promise<ConsentServer> {
  return executeServerCommand('collector:start', {});
}

export async function collected({ id }: ConsentServer): Promise<{ contentType: string; body: unknown }[]> {
  const { received } = await executeServerCommand<{ received: { contentType: string; body: unknown }[] }, object>(
    'collector:received',
    { id },
  );
  return received;
}

/** Resolves once `element` reaches `status` (or at once if it is there). */
export function statusReached(element: HTMLElement & { status: Status }, status: Status): Promise<void> {
  if (element.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (event: CustomEvent<{ status: Status }>) => {
      if (event.detail.status !== status) return;
      element.removeEventListener('xmtp-status-change', listener);
      resolve();
    };
    element.addEventListener('xmtp-status-change', listener);
  });
}

/** The wallet picker's buttons, once shown: its code loads when several wallets announce themselves. */
export async function pickerWallets(element: XmtpElement): Promise<HTMLButtonElement[]> {
  const shown = () => [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="wallet"]')];
  const end = performance.now() + 10_000;
  while (shown().length === 0) {
    if (performance.now() > end) throw new Error('no wallet picker after 10 s');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return shown();
}

/** The element's action button (subscribe, sign, try again). */
export function actionButton(element: XmtpElement): HTMLButtonElement {
  return element.shadowRoot!.querySelector('[part~="button"]')!;
}

export function statusText(element: XmtpElement): string {
  return element.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim();
}

/** A `spiedWallet` `fail`: `personal_sign` fails with the EIP-1193 error `code` (while `when()` holds). */
export const signingFails =
  (code: number, message: string, when = () => true) =>
  ({ method }: Eip1193RequestArguments) =>
    when() && method === 'personal_sign' ? rpcError(code, message) : undefined;

/**
 * A real throwaway wallet whose requests are counted and can be made to fail; with
 * `announcesAccounts: false` it never tells the page about account switches, as some wallets do.
 */
export function spiedWallet(
  wallet: ThrowawayWallet,
  {
    fail,
    announcesAccounts = true,
  }: { fail?: (args: Eip1193RequestArguments) => Error | undefined; announcesAccounts?: boolean } = {},
) {
  const calls: string[] = [];
  const provider: Eip1193Provider = {
    async request(args) {
      calls.push(args.method);
      const error = fail?.(args);
      if (error) throw error;
      return wallet.request(args);
    },
    ...(announcesAccounts ? { on: wallet.on, removeListener: wallet.removeListener } : {}),
  };
  return { provider, calls, signatures: () => calls.filter((method) => method === 'personal_sign').length };
}

/** A square icon as a data: URI, as EIP-6963 wallets give them. */
const icon = (colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="${colour}"/></svg>`)}`;

/**
 * Announces `providers` as EIP-6963 wallets named `names`, now and whenever a page asks again, the
 * way wallet extensions do. Returns the function that stops announcing them.
 */
export function announceWallets(providers: Eip1193Provider[], names: string[]): () => void {
  const details = providers.map((provider, i) => ({
    info: { uuid: `uuid-${names[i]}`, name: names[i]!, icon: icon(['#e8831d', '#0052ff', '#ab9ff2'][i % 3]!), rdns: `test.${names[i]!.toLowerCase()}` },
    provider,
  }));
  const announce = () => {
    for (const detail of details) {
      window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze(detail) }));
    }
  };
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
  return () => window.removeEventListener('eip6963:requestProvider', announce);
}
