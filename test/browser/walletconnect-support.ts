// Helpers of the WalletConnect and QR code tests: the relay stand-in and phone wallets (run by
// test/support/walletconnect-plugin.mjs), and a QR decoder that reads what an element drew.
import { executeServerCommand } from '@web/test-runner-commands';
import jsQRModule from 'jsqr';

/** jsQR ships CommonJS typings whose default export TypeScript sees as the module itself. */
const jsQR = jsQRModule as unknown as typeof import('jsqr').default;

/** The phone wallet's key (hardhat's fifth account: a throwaway). */
export const PHONE_KEY = '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a';
export const PHONE_ADDRESS = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';

export async function relayUrl(): Promise<string> {
  return (await executeServerCommand<{ relayUrl: string }, object>('walletconnect:relay', {})).relayUrl;
}

export async function relayMethods(): Promise<string[]> {
  return (await executeServerCommand<{ methods: string[] }, object>('walletconnect:relay-methods', {})).methods;
}

/** A new phone wallet pairs with `uri` and approves the session: its id and address once approved. */
export function pairPhoneWallet(uri: string): Promise<{ id: number; address: string }> {
  return executeServerCommand('walletconnect:wallet-pair', { uri, privateKey: PHONE_KEY });
}

export async function phoneRequests(id: number): Promise<string[]> {
  return (await executeServerCommand<{ requests: string[] }, object>('walletconnect:wallet-requests', { id })).requests;
}

export function disconnectPhone(id: number): Promise<unknown> {
  return executeServerCommand('walletconnect:wallet-disconnect', { id });
}

/** The phone will end the session when next asked to sign, instead of answering. */
export function disconnectPhoneWhenAsked(id: number): Promise<unknown> {
  return executeServerCommand('walletconnect:wallet-disconnect-when-asked', { id });
}

/**
 * Deletes this origin's IndexedDB databases, where WalletConnect keeps sessions: a session another
 * test file paired (its page closed before the phone's disconnect reached it) is then never
 * restored here. Call it before the file's first WalletConnect client starts.
 */
export async function forgetWalletConnectSessions(): Promise<void> {
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(`IndexedDB ${name} is still open elsewhere`));
    });
  }
}

/** Waits until `find` returns something, polling each animation frame (at most `ms`). */
export async function until<T>(find: () => T | null | undefined | false | Promise<T | false>, ms = 10_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (performance.now() > end) throw new Error(`not there after ${ms} ms`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * What a QR code an element drew says: its path and quiet zone painted black on white, as a screen
 * shows them (the SVG's own viewBox and transform), and read back by jsQR.
 */
export function decodeQr(svg: SVGSVGElement): string {
  const { width: side } = svg.viewBox.baseVal;
  const path = svg.querySelector('path')!;
  const [dx, dy] = (/translate\((\d+) (\d+)\)/.exec(path.getAttribute('transform')!) ?? []).slice(1).map(Number);
  const scale = 6;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side * scale;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.setTransform(scale, 0, 0, scale, dx! * scale, dy! * scale);
  context.fillStyle = '#000';
  context.fill(new Path2D(path.getAttribute('d')!));
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(image.data, image.width, image.height);
  if (!code) throw new Error('the QR code does not decode');
  return code.data;
}
