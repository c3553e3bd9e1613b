// On a 320 px phone: no state of any element widens the page, long values wrap, every control is a
// target of at least 24 × 24 px, and the card keeps the height it reserved before it was defined.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import { identityText, inboxId } from '../../src/core/index.js';
import '../../src/elements/link-address/xmtp-link-address.js';
import '../../src/elements/signature-request/xmtp-signature-request.js';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpElement } from '../../src/elements/shared/xmtp-element.js';
import type { Eip1193Provider } from '../../src/wallet/eip1193.js';
import {
  PUBLISHER,
  actionButton,
  signingFails,
  spiedWallet,
  startConsentServer,
  statusReached,
  type ConsentServer,
} from './support.js';
import { relayUrl, until } from './walletconnect-support.js';

const PHONE = 320;

/** What would widen a 320 px page, and controls smaller than 24 × 24 px, in `element`'s current state. */
function problems(element: XmtpElement, state: string): string[] {
  const found: string[] = [];
  const box = element.getBoundingClientRect();
  if (box.width > PHONE + 0.5) found.push(`${state}: the element is ${box.width} px wide`);
  for (const node of element.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'visible') {
      found.push(`${state}: ${node.getAttribute('part') ?? node.localName} overflows (${node.scrollWidth} > ${node.clientWidth})`);
    }
    const { right } = node.getBoundingClientRect();
    if (right > box.right + 1) found.push(`${state}: ${node.getAttribute('part') ?? node.localName} ends past the card`);
  }
  for (const control of element.shadowRoot!.querySelectorAll<HTMLElement>('button, summary, a')) {
    const { width, height } = control.getBoundingClientRect();
    // Links inside a sentence are exempt from the target size (WCAG 2.5.8, inline).
    const inline = control.localName === 'a' && getComputedStyle(control).display === 'inline';
    if (!inline && (width < 24 || height < 24)) {
      found.push(`${state}: ${control.getAttribute('part') ?? control.localName} is ${width} × ${height} px`);
    }
  }
  return found;
}

describe('a 320 px phone', () => {
  let server: ConsentServer;
  const seen: string[] = [];

  before(async () => {
    server = await startConsentServer();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  async function phone<T extends XmtpElement>(template: ReturnType<typeof html>): Promise<T> {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${PHONE}px">${template}</div>`);
    const element = wrapper.firstElementChild as T;
    await element.updateComplete;
    return element;
  }

  async function check(element: XmtpElement, state: string) {
    await element.updateComplete;
    seen.push(...problems(element, state));
  }

  const subscribeCard = (provider: Eip1193Provider | undefined, variant = '') =>
    phone<XmtpSubscribe>(html`<xmtp-subscribe
      publisher=${PUBLISHER}
      endpoint=${server.endpoint}
      publisher-name="The Extraordinarily Long-Named Weekly Gazette of Decentralised Things"
      variant=${variant}
      .provider=${provider}
    ></xmtp-subscribe>`);

  it('keeps every state of <xmtp-subscribe> within the page, with targets of 24 px or more', async () => {
    const wallet = createThrowawayWallet();
    const element = await subscribeCard(wallet);
    await check(element, 'idle');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="address"]')!.click();
    const details = element.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="message-details"]')!;
    const toggled = oneEvent(details, 'toggle');
    details.open = true;
    await toggled;
    await check(element, 'idle, full address and message shown');

    let reached = statusReached(element, 'connected');
    actionButton(element).click();
    await reached;
    await check(element, 'connected');
    reached = statusReached(element, 'done');
    actionButton(element).click();
    await reached;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="subscriber"] [part~="value"]')!.click();
    await check(element, 'done, account shown in full');
    reached = statusReached(element, 'idle');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="unsubscribe"]')!.click();
    await reached;
    await check(element, 'left the list');

    const refusing = spiedWallet(createThrowawayWallet({ connected: true }), {
      fail: signingFails(4001, 'User rejected the request.'),
    });
    const failing = await subscribeCard(refusing.provider);
    reached = statusReached(failing, 'error');
    actionButton(failing).click();
    await reached;
    await check(failing, 'error');

    const compact = await subscribeCard(createThrowawayWallet(), 'compact');
    await check(compact, 'compact');
    compact.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="details"]')!.open = true;
    await check(compact, 'compact, details open');

    expect(seen).to.deep.equal([]);
  });

  it('keeps the ways forward without a browser wallet within the page: QR codes, WalletConnect', async () => {
    const alone = await subscribeCard(undefined);
    let reached = statusReached(alone, 'error');
    actionButton(alone).click();
    await reached;
    await until(() => alone.shadowRoot!.querySelector('[part~="wallet-help"] [part~="qr"]'));
    await check(alone, 'no wallet, with the page’s QR code');

    const relay = await relayUrl();
    const pairing = await phone<XmtpSubscribe>(html`<xmtp-subscribe
      publisher=${PUBLISHER}
      walletconnect-project-id="test-project"
      walletconnect-relay-url=${relay}
    ></xmtp-subscribe>`);
    reached = statusReached(pairing, 'connecting');
    actionButton(pairing).click();
    await reached;
    await until(() => pairing.shadowRoot!.querySelector('[part~="walletconnect"] [part~="qr"]'));
    await check(pairing, 'WalletConnect pairing');
    reached = statusReached(pairing, 'idle');
    pairing.shadowRoot!.querySelector<HTMLButtonElement>('[part~="walletconnect-cancel"]')!.click();
    await reached;
    expect(seen).to.deep.equal([]);
  });

  it('keeps the identity prompts within the page, warning included', async () => {
    const owner = createThrowawayWallet().address;
    const text = identityText({
      inboxId: inboxId(owner, 0),
      time: 0,
      actions: [
        { type: 'create-inbox', owner },
        { type: 'grant-app', installationId: 'ab'.repeat(32) },
        { type: 'change-recovery-address', address: createThrowawayWallet().address },
      ],
    });
    const request = await phone<XmtpElement>(html`<xmtp-signature-request .text=${text}></xmtp-signature-request>`);
    for (const value of request.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="value"]')) value.click();
    await check(request, 'a request, every value in full');
    const link = await phone<XmtpElement>(
      html`<xmtp-link-address inbox-id=${inboxId(owner, 0)} address=${owner}></xmtp-link-address>`,
    );
    await check(link, 'link');
    expect(seen).to.deep.equal([]);
  });

  it('takes the height the page reserved before the script loaded: nothing jumps', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 480px; height: 600px; border: 0"></iframe>`);
    const page = frame.contentDocument!;
    // The rule the README gives publishers, and a card the script has not defined yet.
    page.head.innerHTML = `<style>
      body { margin: 0; font-size: 16px; }
      xmtp-subscribe:not(:defined) { display: block; max-width: 28rem; min-height: 15.5rem; }
    </style>`;
    page.body.innerHTML = `<xmtp-subscribe publisher="${PUBLISHER}" publisher-name="The Demo Gazette"></xmtp-subscribe>`;
    const card = page.querySelector('xmtp-subscribe')!;
    const before = card.getBoundingClientRect().height;
    await new Promise<void>((resolve, reject) => {
      const script = Object.assign(page.createElement('script'), { src: new URL('/dist/cdn/xmtp-subscribe.iife.js', location.href).href });
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('the CDN file did not load'));
      page.head.append(script);
    });
    await (card as XmtpElement).updateComplete;
    expect(before).to.equal(248);
    expect(card.getBoundingClientRect().height).to.equal(before);
  });
});
