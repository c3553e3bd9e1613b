// The CDN files as a publisher hosts them: the elements' file loads the WalletConnect add-on, the rare
// controls (help without a wallet, a pairing) and the QR encoder from beside itself, and only once a
// reader needs them (watched in Resource Timing); the whole WalletConnect flow then runs on the built
// add-on against the relay stand-in.
import { expect } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { PUBLISHER, actionButton, announceWallets, startConsentServer, statusReached, storedRecord } from './support.js';
import { PHONE_ADDRESS, decodeQr, disconnectPhone, forgetWalletConnectSessions, pairPhoneWallet, relayUrl, until } from './walletconnect-support.js';

const ADD_ON = '/dist/cdn/xmtp-subscribe-walletconnect.js';
const QR_ENCODER = '/dist/cdn/xmtp-subscribe-qr.js';
const HELP = '/dist/cdn/xmtp-subscribe-help.js';

/** The paths this window (or frame) has requested so far. */
const requested = (view: Window = window) =>
  view.performance.getEntriesByType('resource').map(({ name }) => new URL(name).pathname);

/** An iframe of `html` on this page's origin, once loaded; the test removes it. */
async function openFrame(html: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = html;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

const part = (element: XmtpSubscribe, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('the CDN files and what they load on demand', () => {
  before(forgetWalletConnectSessions);

  it('loads the WalletConnect add-on only once it is picked, then pairs, signs and stores', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/cdn/xmtp-subscribe.js`);
    const server = await startConsentServer();
    const stopAnnouncing = announceWallets([createThrowawayWallet()], ['Extension']);
    document.body.insertAdjacentHTML(
      'beforeend',
      `<xmtp-subscribe publisher="${PUBLISHER}" endpoint="${server.endpoint}" walletconnect-project-id="test-project"
         walletconnect-relay-url="${await relayUrl()}"></xmtp-subscribe>`,
    );
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    try {
      await element.updateComplete;
      actionButton(element).click();
      await statusReached(element, 'picking');
      const choices = await until(() => {
        const shown = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="wallet"]')];
        return shown.length > 0 && shown;
      });
      expect(choices.map((choice) => choice.textContent!.trim())).to.deep.equal(['Extension', 'WalletConnect']);
      expect(requested(), 'nothing loaded before the pick').to.not.include.members([ADD_ON]);
      expect(requested()).to.not.include.members([QR_ENCODER]);
      // The picker's code came before the click: with two wallets it was one click away.
      expect(requested()).to.include.members([HELP]);

      choices[1]!.click();
      const qr = await until(() => part(element, 'walletconnect')?.querySelector<SVGSVGElement>('svg[part~="qr"]'));
      expect(requested()).to.include.members([ADD_ON, HELP, QR_ENCODER]);
      const uri = part(element, 'walletconnect-open')!.getAttribute('href')!;
      expect(decodeQr(qr)).to.equal(uri);

      const connected = statusReached(element, 'connected');
      const phone = await pairPhoneWallet(uri);
      await connected;
      const done = statusReached(element, 'done');
      actionButton(element).click();
      await done;
      expect(await storedRecord(server, PUBLISHER, PHONE_ADDRESS)).to.include({ state: 'allowed', signerKind: 'eoa' });
      await disconnectPhone(phone.id);
    } finally {
      stopAnnouncing();
      element.remove();
      localStorage.removeItem('xmtp-subscribe:wallet');
    }
  });

  it('draws QR codes and pairs over WalletConnect under a strict Content-Security-Policy', async () => {
    const relay = await relayUrl();
    const server = await startConsentServer();
    // No inline script or style; only this origin's scripts, the relay and the endpoint.
    const policy = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ${new URL(relay).origin} ${new URL(server.endpoint).origin}`;
    const frame = await openFrame(`<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}">
      <script type="module" src="${location.origin}/dist/cdn/xmtp-subscribe.js"></script>`);
    try {
      const view = frame.contentWindow! as Window & typeof globalThis;
      const violations: string[] = [];
      view.document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
      await until(() => view.customElements.get('xmtp-subscribe'));
      view.document.body.innerHTML = `<xmtp-subscribe id="plain" publisher="${PUBLISHER}"></xmtp-subscribe>
        <xmtp-subscribe id="paired" publisher="${PUBLISHER}" endpoint="${server.endpoint}"
          walletconnect-project-id="test-project" walletconnect-relay-url="${relay}"></xmtp-subscribe>`;
      const plain = view.document.querySelector('#plain') as XmtpSubscribe;
      const paired = view.document.querySelector('#paired') as XmtpSubscribe;
      await Promise.all([plain.updateComplete, paired.updateComplete]);

      expect(requested(view)).to.not.include.members([HELP]);
      actionButton(plain).click();
      const pageQr = await until(() => part(plain, 'wallet-help')?.querySelector<SVGSVGElement>('svg[part~="qr"]'));
      expect(requested(view)).to.include.members([HELP]);
      expect(decodeQr(pageQr)).to.equal(view.location.href);
      // The help's own styles apply: dark modules on white.
      expect(view.getComputedStyle(pageQr.querySelector('path')!).fill).to.equal('rgb(0, 0, 0)');

      actionButton(paired).click();
      const qr = await until(() => part(paired, 'walletconnect')?.querySelector<SVGSVGElement>('svg[part~="qr"]'));
      const connected = statusReached(paired, 'connected');
      const phone = await pairPhoneWallet(decodeQr(qr));
      await connected;
      const done = statusReached(paired, 'done');
      actionButton(paired).click();
      await done;
      await disconnectPhone(phone.id);
      expect(violations).to.deep.equal([]);
      // The policy bites: an inline style attribute is refused and reported.
      view.document.body.insertAdjacentHTML('beforeend', '<p style="color: red">probe</p>');
      expect(await until(() => violations[0])).to.match(/^style-src/);
    } finally {
      frame.remove();
    }
  });

  it('finds the help and the QR encoder beside the IIFE file too, from the script that loaded it', async () => {
    const frame = await openFrame(`<!doctype html><script src="${location.origin}/dist/cdn/xmtp-subscribe.iife.js"></script>
      <xmtp-subscribe publisher="${PUBLISHER}"></xmtp-subscribe>`);
    try {
      const view = frame.contentWindow!;
      const element = frame.contentDocument!.querySelector('xmtp-subscribe') as XmtpSubscribe;
      await element.updateComplete;
      expect(requested(view)).to.not.include.members([HELP]);
      expect(requested(view)).to.not.include.members([QR_ENCODER]);
      actionButton(element).click();
      const qr = await until(() => part(element, 'wallet-help')?.querySelector<SVGSVGElement>('svg[part~="qr"]'));
      expect(requested(view)).to.include.members([HELP, QR_ENCODER]);
      expect(decodeQr(qr)).to.equal(view.location.href);
    } finally {
      frame.remove();
    }
  });

  it('finds the help one folder up from the file of one element', async () => {
    const frame = await openFrame(`<!doctype html><script type="module" src="${location.origin}/dist/cdn/elements/xmtp-subscribe.js"></script>
      <xmtp-subscribe publisher="${PUBLISHER}"></xmtp-subscribe>`);
    try {
      const view = frame.contentWindow!;
      await until(() => view.customElements.get('xmtp-subscribe'));
      const element = frame.contentDocument!.querySelector('xmtp-subscribe') as XmtpSubscribe;
      await element.updateComplete;
      actionButton(element).click();
      await until(() => part(element, 'wallet-help')?.querySelector('svg[part~="qr"]'));
      expect(requested(view)).to.include.members([HELP, QR_ENCODER]);
    } finally {
      frame.remove();
    }
  });
});
