// Readers without a wallet in the browser: the page's QR code on a computer, and WalletConnect for
// real and offline: the element pairs a phone wallet (@reown/walletkit) through a relay stand-in on
// 127.0.0.1, signs through the session and the consent server stores the proof.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { walletConnectProvider } from '../../src/wallet/walletconnect/provider.js';
import { PUBLISHER, actionButton, startConsentServer, statusReached, storedRecord, type ConsentServer } from './support.js';
import {
  PHONE_ADDRESS,
  decodeQr,
  disconnectPhone,
  disconnectPhoneWhenAsked,
  forgetWalletConnectSessions,
  pairPhoneWallet,
  phoneRequests,
  relayMethods,
  relayUrl,
  until,
} from './walletconnect-support.js';

const part = (element: XmtpSubscribe, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('readers without a wallet in the browser', () => {
  let server: ConsentServer;
  let relay: string;

  /** The phone wallet paired in the running test, if any. */
  let phone: { id: number; address: string } | undefined;

  before(async () => {
    await forgetWalletConnectSessions();
    server = await startConsentServer();
    relay = await relayUrl();
  });

  // Each test starts without a session: the phone ends its own, and the page has heard of it.
  afterEach(async () => {
    if (!phone) return;
    await disconnectPhone(phone.id);
    phone = undefined;
    const provider = walletConnectProvider({ projectId: 'test-project', relayUrl: relay });
    await until(async () => ((await provider.request({ method: 'eth_accounts' })) as string[]).length === 0);
  });

  function subscribeButton({ walletConnect = true } = {}) {
    return fixture<XmtpSubscribe>(html`
      <xmtp-subscribe
        publisher=${PUBLISHER}
        endpoint=${server.endpoint}
        publisher-name="The Test Gazette"
        walletconnect-project-id=${walletConnect ? 'test-project' : ''}
        walletconnect-relay-url=${relay}
      ></xmtp-subscribe>
    `);
  }

  /** Clicks the action and waits for the WalletConnect pairing: its panel, QR code and URI. */
  async function startPairing(element: XmtpSubscribe) {
    actionButton(element).click();
    await statusReached(element, 'connecting');
    const qr = await until(() => part(element, 'walletconnect')?.querySelector<SVGSVGElement>('svg[part~="qr"]'));
    const uri = part(element, 'walletconnect-open')!.getAttribute('href')!;
    return { qr, uri };
  }

  it('on a computer without any wallet, shows a QR code of this page to open it on a phone', async () => {
    const element = await subscribeButton({ walletConnect: false });
    actionButton(element).click();
    await statusReached(element, 'error');
    const help = await until(() => part(element, 'wallet-help'));
    expect(help.textContent).to.contain('Scan this code to open this page there.');
    const qr = await until(() => help.querySelector<SVGSVGElement>('svg[part~="qr"]'));
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR code of this page');
    expect(decodeQr(qr)).to.equal(location.href);
    // Dark on light whatever the theme, as scanners read codes.
    expect(getComputedStyle(qr.querySelector('path')!).fill).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(qr.querySelector('rect')!).fill).to.equal('rgb(255, 255, 255)');
    await expect(element).to.be.accessible();
  });

  it('pairs a phone wallet by QR code, signs through the session, and the proof is stored', async () => {
    const element = await subscribeButton();
    const { qr, uri } = await startPairing(element);
    expect(uri).to.match(/^wc:[0-9a-f]{64}@2\?/);
    expect(decodeQr(qr), 'the QR code holds the pairing URI').to.equal(uri);
    expect(qr.getAttribute('aria-label')).to.equal('WalletConnect QR code to scan with your wallet app');
    expect(part(element, 'walletconnect')!.textContent).to.contain('Scan this code with your phone’s wallet app');
    await expect(element).to.be.accessible();

    // The reader scans: the phone wallet pairs and approves; the card waits for the sign click.
    const connected = statusReached(element, 'connected');
    phone = await pairPhoneWallet(uri);
    expect(phone.address).to.equal(PHONE_ADDRESS);
    await connected;
    await element.updateComplete;
    expect(part(element, 'walletconnect')).to.equal(null);
    expect(part(element, 'account')!.textContent).to.contain(PHONE_ADDRESS);

    const done = statusReached(element, 'done');
    actionButton(element).click();
    await done;
    expect(await phoneRequests(phone.id)).to.deep.equal(['personal_sign']);
    const record = await storedRecord(server, PUBLISHER, PHONE_ADDRESS);
    expect(record).to.include({ state: 'allowed', subscriber: PHONE_ADDRESS, signerKind: 'eoa' });
    const methods = await relayMethods();
    expect(methods).to.include.members(['wc_proposeSession', 'wc_approveSession', 'irn_publish']);
  });

  it('goes back to the start when the phone ends the session before the sign click', async () => {
    const element = await subscribeButton();
    const { uri } = await startPairing(element);
    const connected = statusReached(element, 'connected');
    const { id } = await pairPhoneWallet(uri);
    await connected;
    const back = statusReached(element, 'idle');
    await disconnectPhone(id);
    await back;
    await element.updateComplete;
    expect(part(element, 'account')).to.equal(null);
  });

  it('says the wallet is not connected when the phone ends the session instead of signing', async () => {
    const element = await subscribeButton();
    const { uri } = await startPairing(element);
    const connected = statusReached(element, 'connected');
    phone = await pairPhoneWallet(uri);
    const { id } = phone;
    await connected;
    await disconnectPhoneWhenAsked(id);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail).to.include({ code: 'no-wallet' });
    await statusReached(element, 'error');
    expect(part(element, 'status')!.textContent).to.equal('Your wallet is not connected. Open it, then try again.');
    expect(part(element, 'wallet-help')).to.equal(null);
    expect(await phoneRequests(id)).to.deep.equal(['personal_sign']);
    expect(actionButton(element).textContent!.trim()).to.equal('Try again');
  });

  it('lets the reader give up on a pairing, and offers a new one on the next click', async () => {
    const element = await subscribeButton();
    const first = await startPairing(element);
    part(element, 'walletconnect-cancel')!.click();
    await statusReached(element, 'idle');
    await element.updateComplete;
    expect(part(element, 'walletconnect')).to.equal(null);
    const second = await startPairing(element);
    expect(second.uri).to.not.equal(first.uri);
    part(element, 'walletconnect-cancel')!.click();
    await statusReached(element, 'idle');
  });

  it('says the network failed when the relay cannot be reached, and stays usable', async () => {
    const element = await fixture<XmtpSubscribe>(html`
      <xmtp-subscribe publisher=${PUBLISHER} walletconnect-project-id="unreachable" walletconnect-relay-url="ws://127.0.0.1:9"></xmtp-subscribe>
    `);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('network');
    await element.updateComplete;
    expect(element.status).to.equal('error');
    expect(part(element, 'status')!.textContent).to.contain('Could not reach the server');
    expect(actionButton(element).getAttribute('aria-disabled')).to.equal('false');
  }).timeout(15_000);

  it('copies the pairing link', async () => {
    const element = await subscribeButton();
    const { uri } = await startPairing(element);
    let copied = '';
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void (copied = text) }, configurable: true });
    try {
      part(element, 'walletconnect-copy')!.click();
      await until(() => part(element, 'walletconnect-copy')!.textContent!.includes('Link copied'));
      expect(copied).to.equal(uri);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')).to.deep.equal(clipboard);
    }
    part(element, 'walletconnect-cancel')!.click();
    await statusReached(element, 'idle');
  });

  it('on a phone, offers the pairing as a link to tap instead of a QR code', async () => {
    Object.defineProperty(navigator, 'userAgentData', { value: { mobile: true }, configurable: true });
    try {
      const element = await subscribeButton();
      actionButton(element).click();
      await statusReached(element, 'connecting');
      const open = await until(() => part(element, 'walletconnect-open'));
      expect(open.getAttribute('href')).to.match(/^wc:/);
      expect(part(element, 'walletconnect')!.textContent).to.contain('Open your wallet app to connect it');
      expect(part(element, 'qr')).to.equal(null);
      await expect(element).to.be.accessible();
      part(element, 'walletconnect-cancel')!.click();
      await statusReached(element, 'idle');
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });
});
