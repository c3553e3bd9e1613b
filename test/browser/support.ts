// Shared helpers of the browser tests: real consent servers, real in-page wallets, status waits.
import { executeServerCommand } from '@web/test-runner-commands';
import type { Status } from '../../src/elements/shared/status.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.component.js';

/** The publisher every consent server in the tests serves (a throwaway address). */
export const PUBLISHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

export interface ConsentServer {
  id: number;
  endpoint: string;
}

export interface StoredRecord {
  publisher: string;
  subscriber: string;
  timestampMs: number;
  signature: string;
  proof: string;
  signerKind: string;
  receivedAt: number;
}

export function startConsentServer(publishers: string[] = [PUBLISHER]): Promise<ConsentServer> {
  return executeServerCommand('consent-server:start', { publishers });
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

/** The element's action button (subscribe, sign, try again). */
export function actionButton(element: XmtpSubscribe): HTMLButtonElement {
  return element.shadowRoot!.querySelector('[part~="button"]')!;
}

export function statusText(element: XmtpSubscribe): string {
  return element.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim();
}
