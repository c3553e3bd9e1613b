// The CDN IIFE file, loaded by a plain <script> as a publisher would paste it, works end to end.
import { expect, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { VERSION } from '../../src/internal/version.js';
import {
  PUBLISHER,
  actionButton,
  announceWallets,
  spiedWallet,
  startConsentServer,
  pickerWallets,
  statusReached,
  storedRecord,
} from './support.js';

const IIFE = '/dist/cdn/xmtp-subscribe.iife.js';

function loadClassicScript(src: string, into: Document = document): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = into.createElement('script');
    script.src = new URL(src, location.href).href;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    into.head.append(script);
  });
}

describe('dist/cdn/xmtp-subscribe.iife.js in a classic <script>', () => {
  it('defines <xmtp-subscribe>, tolerates a second copy, and subscribes a reader', async () => {
    expect(customElements.get('xmtp-subscribe')).to.equal(undefined);
    await loadClassicScript(IIFE);
    const defined = customElements.get('xmtp-subscribe');
    expect(defined).to.not.equal(undefined);

    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    const warn = console.warn;
    console.warn = (...args: unknown[]) => errors.push(`warning: ${args.join(' ')}`);
    await loadClassicScript(IIFE);
    console.warn = warn;
    window.removeEventListener('error', onError);
    expect(errors, 'the same release loaded twice is silent').to.deep.equal([]);
    expect(customElements.get('xmtp-subscribe')).to.equal(defined);

    const server = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    document.body.insertAdjacentHTML(
      'beforeend',
      `<xmtp-subscribe publisher="${PUBLISHER}" endpoint="${server.endpoint}" publisher-name="Plain Page"></xmtp-subscribe>`,
    );
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    element.provider = wallet;
    await element.updateComplete;

    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    expect((await subscribed).detail.subscriber).to.equal(wallet.address);
    await statusReached(element, 'done');
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.include({ signerKind: 'eoa' });
    element.remove();
  });

  it('lets a reader pick one of several wallets on a plain page, and only that one signs', async () => {
    await loadClassicScript(IIFE);
    localStorage.removeItem('xmtp-subscribe:wallet'); // test files share an origin, so a choice
    const [fox, coin] = [createThrowawayWallet(), createThrowawayWallet()].map((wallet) => ({
      wallet,
      ...spiedWallet(wallet),
    }));
    const stopAnnouncing = announceWallets([fox!.provider, coin!.provider], ['Fox', 'Coin']);
    const server = await startConsentServer();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<xmtp-subscribe publisher="${PUBLISHER}" endpoint="${server.endpoint}"></xmtp-subscribe>`,
    );
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    await element.updateComplete;

    actionButton(element).click();
    await statusReached(element, 'picking');
    const connected = statusReached(element, 'connected');
    (await pickerWallets(element))[1]!.click();
    await connected;
    const subscribed = oneEvent(element, 'xmtp-subscribed');
    actionButton(element).click();
    expect((await subscribed).detail.subscriber).to.equal(coin!.wallet.address);
    expect(fox!.calls).to.deep.equal([]);
    expect(await storedRecord(server, PUBLISHER, coin!.wallet.address)).to.not.equal(null);
    stopAnnouncing();
    element.remove();
  });

  it('warns once, naming both releases, when another release already defined a tag', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const page = frame.contentWindow as Window & typeof globalThis;
    class OtherRelease extends page.HTMLElement {
      static version = '0.0.1';
    }
    page.customElements.define('xmtp-subscribe', OtherRelease);
    const warnings: string[] = [];
    page.console.warn = (...args: unknown[]) => warnings.push(args.join(' '));

    await loadClassicScript(IIFE, frame.contentDocument!);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('<xmtp-subscribe>').and.include('0.0.1').and.include(VERSION);
    expect(page.customElements.get('xmtp-subscribe'), 'the first definition stays').to.equal(OtherRelease);
    expect(page.customElements.get('xmtp-signature-request'), 'free tags are defined').to.not.equal(undefined);

    await loadClassicScript(IIFE, frame.contentDocument!);
    expect(warnings, 'one warning per copy and tag').to.have.length(2);
    frame.remove();
  });
});
