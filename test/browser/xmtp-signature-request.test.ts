// The identity prompts in Chromium with a real in-page wallet: what they show, what they refuse
// before any wallet call, and signatures that verify for their signer.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import { identityText, inboxId, unsubscribeMessage, verifyIdentitySignature, verifyUnsubscribe } from '../../src/core/index.js';
import '../../src/elements/link-address/xmtp-link-address.js';
import type { XmtpLinkAddress } from '../../src/elements/link-address/xmtp-link-address.js';
import '../../src/elements/signature-request/xmtp-signature-request.js';
import type { XmtpSignatureRequest } from '../../src/elements/signature-request/xmtp-signature-request.js';
import '../../src/elements/unlink-address/xmtp-unlink-address.js';
import type { XmtpUnlinkAddress } from '../../src/elements/unlink-address/xmtp-unlink-address.js';
import type { XmtpElement } from '../../src/elements/shared/xmtp-element.js';
import { actionButton, collected, spiedWallet, startCollector, statusReached, statusText } from './support.js';

const OWNER = '0x1234567890abcdef1234567890abcdef12345678';
const INBOX = inboxId(OWNER, 0);
const TIME = Date.UTC(2025, 0, 15, 12, 0, 0);

/** The six-action text of XMTP's own test (SIGNATURES.md §2). */
const UPSTREAM_TEXT = identityText({
  inboxId: INBOX,
  time: 0,
  actions: [
    { type: 'create-inbox', owner: OWNER },
    { type: 'link-address', address: '0x4567890abcdef1234567890abcdef12345678123' },
    { type: 'grant-app', installationId: '010203' },
    { type: 'unlink-address', address: '0x4567890abcdef1234567890abcdef12345678123' },
    { type: 'revoke-app', installationId: '010203' },
    { type: 'change-recovery-address', address: '0x7890abcdef1234567890abcdef12345678123456' },
  ],
});

function statements(element: XmtpElement): string[] {
  return [...element.shadowRoot!.querySelectorAll('[part~="statement"]')].map((item) =>
    item.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

async function signedBy(element: XmtpElement, status: 'connected' | 'done' = 'done') {
  const signed = oneEvent(element, 'xmtp-signature');
  const reached = statusReached(element, 'connected');
  actionButton(element).click();
  if (status === 'connected') await reached;
  if (element.status === 'connected') actionButton(element).click();
  return (await signed).detail;
}

/** Clicks and waits for the refusal; the wallet must not have been asked for anything. */
async function refusedBeforeTheWallet(element: XmtpElement, calls: string[]) {
  expect(element.status).to.equal('error');
  expect(actionButton(element).getAttribute('aria-disabled')).to.equal('true');
  actionButton(element).click();
  await element.updateComplete;
  expect(calls).to.deep.equal([]);
}

describe('<xmtp-signature-request>', () => {
  it('shows every action of an XMTP text in plain words and signs it with the connected wallet', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await fixture<XmtpSignatureRequest>(
      html`<xmtp-signature-request .text=${UPSTREAM_TEXT} .provider=${wallet}></xmtp-signature-request>`,
    );
    const inbox = `${INBOX.slice(0, 6)}…${INBOX.slice(-4)}`;
    expect(statements(element)).to.deep.equal([
      'Create an XMTP inbox owned by 0x1234…5678. 0x1234…5678 also becomes its recovery address, which can later add or remove addresses and apps.',
      `Join inbox ${inbox} with 0x4567…8123: whoever controls inbox ${inbox} will read and send the messages of 0x4567…8123.`,
      `Let the app installation 010203 read and send messages for inbox ${inbox}.`,
      `Remove 0x4567…8123 from inbox ${inbox}: it will no longer receive that inbox's messages.`,
      `Remove the app installation 010203 from inbox ${inbox}: it can no longer read or send its messages.`,
    ]);
    // The recovery change is a warning of its own, never one bullet among others.
    const warning = element.shadowRoot!.querySelector('[part~="warning"]')!;
    expect(warning.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `Warning: Give 0x7890…3456 the power to recover inbox ${inbox}: it will be able to add and remove addresses and apps, and to undo this change.`,
    );
    expect(element.shadowRoot!.querySelector('[part~="message"]')!.textContent).to.equal(UPSTREAM_TEXT);

    const value = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="statement"] [part~="value"]')!;
    value.click();
    await element.updateComplete;
    expect(value.textContent).to.contain(OWNER);
    expect(value.getAttribute('aria-expanded')).to.equal('true');

    const detail = await signedBy(element);
    expect(detail.text).to.equal(UPSTREAM_TEXT);
    expect(detail.signer).to.equal(wallet.address);
    expect(detail.parsed).to.include({ kind: 'identity', inboxId: INBOX });
    expect(await verifyIdentitySignature(detail)).to.deep.equal({ ok: true, signer: 'eoa' });
    await statusReached(element, 'done');
    expect(statusText(element)).to.equal('Signed. This page now has your signature.');
  });

  it('explains a withdrawal from a publisher’s list in plain words, and its signature verifies', async () => {
    const publisher = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
    const text = unsubscribeMessage(publisher, TIME);
    const wallet = createThrowawayWallet({ connected: true });
    const element = await fixture<XmtpSignatureRequest>(
      html`<xmtp-signature-request .text=${text} .provider=${wallet}></xmtp-signature-request>`,
    );
    expect(statements(element)).to.deep.equal([
      'Stop 0x90F7…b906 from messaging you: you leave its list. Free: no transaction.',
    ]);
    const detail = await signedBy(element);
    expect(detail.parsed).to.deep.equal({ kind: 'unsubscribe', publisher, timestampMs: TIME });
    const proof = { publisher, subscriber: wallet.address, timestampMs: TIME, signature: detail.signature };
    expect(await verifyUnsubscribe(proof, { now: TIME })).to.deep.equal({ ok: true, signer: 'eoa' });
  });

  it('builds the text from inbox-id, actions and time when no text is given', async () => {
    const actions = [{ type: 'revoke-app' as const, installationId: 'ab'.repeat(32) }];
    const element = await fixture<XmtpSignatureRequest>(html`
      <xmtp-signature-request inbox-id=${INBOX} time="2025-01-15T12:00:00Z" .actions=${actions}></xmtp-signature-request>
    `);
    expect(element.shadowRoot!.querySelector('[part~="message"]')!.textContent).to.equal(
      identityText({ inboxId: INBOX, time: TIME, actions }),
    );
  });

  for (const [name, text] of [
    ['a text that is not XMTP at all', 'Sign in to Example.com'],
    ['the XIP-46 time spelling', UPSTREAM_TEXT.replace('1970-01-01T00:00:00Z', '1970-01-01 00:00:00 UTC')],
    ['a trailing-slash footer on an identity text', `${UPSTREAM_TEXT}/`],
    ['CRLF line endings', UPSTREAM_TEXT.replaceAll('\n', '\r\n')],
  ]) {
    it(`refuses ${name} before any wallet call`, async () => {
      const { provider, calls } = spiedWallet(createThrowawayWallet({ connected: true }));
      const failed = new Promise<CustomEvent>((resolve) =>
        document.addEventListener('xmtp-error', resolve as EventListener, { once: true }),
      );
      const element = await fixture<XmtpSignatureRequest>(
        html`<xmtp-signature-request .text=${text} .provider=${provider}></xmtp-signature-request>`,
      );
      expect((await failed).detail.code).to.equal('invalid-config');
      expect(statements(element)).to.deep.equal([]);
      expect(statusText(element)).to.equal('Blocked: this is not an XMTP signature text, so it is not signed here.');
      await refusedBeforeTheWallet(element, calls);
    });
  }

  it('refuses a connected account other than the expected signer, and signs nothing', async () => {
    const { provider, signatures } = spiedWallet(createThrowawayWallet({ connected: true }));
    const expected = createThrowawayWallet();
    const element = await fixture<XmtpSignatureRequest>(html`
      <xmtp-signature-request .text=${UPSTREAM_TEXT} signer=${expected.address} .provider=${provider}></xmtp-signature-request>
    `);
    expect(element.shadowRoot!.querySelector('[part~="signer"]')!.textContent).to.contain('Sign with');
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    const { detail } = await failed;
    expect(detail.code).to.equal('wrong-account');
    expect(detail.message).to.contain(expected.address);
    expect(signatures()).to.equal(0);
  });

  it('POSTs { text, signature, signer } to its endpoint', async () => {
    const collector = await startCollector();
    const wallet = createThrowawayWallet({ connected: true });
    const element = await fixture<XmtpSignatureRequest>(html`
      <xmtp-signature-request .text=${UPSTREAM_TEXT} endpoint=${collector.endpoint} .provider=${wallet}></xmtp-signature-request>
    `);
    const detail = await signedBy(element);
    await statusReached(element, 'done');
    expect(statusText(element)).to.equal('Signed and sent.');
    expect(await collected(collector)).to.deep.equal([
      {
        contentType: 'application/json',
        body: { text: UPSTREAM_TEXT, signature: detail.signature, signer: wallet.address },
      },
    ]);
  });

  it('is accessible when showing a request, refusing one, and done', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const element = await fixture<XmtpSignatureRequest>(
      html`<xmtp-signature-request .text=${UPSTREAM_TEXT} .provider=${wallet}></xmtp-signature-request>`,
    );
    await expect(element).to.be.accessible();
    await signedBy(element);
    await statusReached(element, 'done');
    await expect(element).to.be.accessible();
    const refused = await fixture<XmtpSignatureRequest>(html`<xmtp-signature-request text="hello"></xmtp-signature-request>`);
    await expect(refused).to.be.accessible();
  });
});

describe('<xmtp-link-address>', () => {
  it('builds the link text, is signed by the address being added, and the signature verifies', async () => {
    const wallet = createThrowawayWallet();
    const element = await fixture<XmtpLinkAddress>(html`
      <xmtp-link-address inbox-id=${INBOX} address=${wallet.address} .provider=${wallet}></xmtp-link-address>
    `);
    expect(statements(element)).to.have.length(1);
    // Whose inbox the address joins is said plainly: it may be someone else's.
    expect(statements(element)[0]).to.match(/^Join inbox fcd18d…77a9 with 0x\w{4}…\w{4}: whoever controls inbox fcd18d…77a9 will read/);
    expect(element.shadowRoot!.querySelector('[part~="signer"]')!.textContent).to.contain('the address being added');

    const detail = await signedBy(element, 'connected');
    expect(detail.signer).to.equal(wallet.address);
    expect(detail.parsed).to.deep.include({ kind: 'identity', inboxId: INBOX });
    expect(await verifyIdentitySignature(detail)).to.deep.equal({ ok: true, signer: 'eoa' });
  });

  it('refuses an SDK text that hides a recovery address change behind the link', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, calls } = spiedWallet(wallet);
    const text = identityText({
      inboxId: INBOX,
      time: TIME,
      actions: [
        { type: 'link-address', address: wallet.address },
        { type: 'change-recovery-address', address: '0x7890abcdef1234567890abcdef12345678123456' },
      ],
    });
    const failed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('xmtp-error', resolve as EventListener, { once: true }),
    );
    const element = await fixture<XmtpLinkAddress>(html`
      <xmtp-link-address inbox-id=${INBOX} address=${wallet.address} .text=${text} .provider=${provider}></xmtp-link-address>
    `);
    expect(statusText(element)).to.equal('Blocked: this would also give 0x7890…3456 the power to recover your inbox.');
    expect((await failed).detail.message).to.contain('change-recovery-address');
    await refusedBeforeTheWallet(element, calls);
  });

  it('refuses a text that links another address, or another inbox', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, calls } = spiedWallet(wallet);
    const other = createThrowawayWallet().address;
    const otherAddress = identityText({ inboxId: INBOX, time: TIME, actions: [{ type: 'link-address', address: other }] });
    const element = await fixture<XmtpLinkAddress>(html`
      <xmtp-link-address inbox-id=${INBOX} address=${wallet.address} .text=${otherAddress} .provider=${provider}></xmtp-link-address>
    `);
    expect(statusText(element)).to.equal(
      `Blocked: this text is about ${other.toLowerCase().slice(0, 6)}…${other.toLowerCase().slice(-4)}, not the address this page names.`,
    );
    await refusedBeforeTheWallet(element, calls);

    // The page fixes the address: the same text is now exactly the one link the prompt accepts.
    element.address = other;
    await element.updateComplete;
    expect(element.status).to.equal('idle');

    element.address = wallet.address;
    element.text = identityText({
      inboxId: inboxId(other, 1),
      time: TIME,
      actions: [{ type: 'link-address', address: wallet.address }],
    });
    await element.updateComplete;
    expect(statusText(element)).to.equal('Blocked: this text is for another inbox than the one this page names.');
    await refusedBeforeTheWallet(element, calls);
  });

  it('refuses to sign with any account but the address being added', async () => {
    const wallet = createThrowawayWallet({ connected: true });
    const { provider, signatures } = spiedWallet(wallet);
    const element = await fixture<XmtpLinkAddress>(html`
      <xmtp-link-address inbox-id=${INBOX} address=${createThrowawayWallet().address} .provider=${provider}></xmtp-link-address>
    `);
    const failed = oneEvent(element, 'xmtp-error');
    actionButton(element).click();
    expect((await failed).detail.code).to.equal('wrong-account');
    expect(signatures()).to.equal(0);
  });
});

describe('<xmtp-unlink-address>', () => {
  it('is signed by the recovery address given as signer, and the signature verifies', async () => {
    const recovery = createThrowawayWallet({ connected: true });
    const unlinked = createThrowawayWallet().address;
    const element = await fixture<XmtpUnlinkAddress>(html`
      <xmtp-unlink-address inbox-id=${INBOX} address=${unlinked} signer=${recovery.address} .provider=${recovery}></xmtp-unlink-address>
    `);
    expect(statements(element)[0]).to.match(/^Remove 0x\w{4}…\w{4} from inbox \w{6}…\w{4}: it will no longer receive/);
    expect(element.shadowRoot!.querySelector('[part~="signer"]')!.textContent).to.contain('recovery address');
    const detail = await signedBy(element);
    expect(detail.signer).to.equal(recovery.address);
    expect(await verifyIdentitySignature({ ...detail, signer: recovery.address })).to.deep.equal({ ok: true, signer: 'eoa' });
  });

  it('refuses to start without the recovery address to sign', async () => {
    const { provider, calls } = spiedWallet(createThrowawayWallet({ connected: true }));
    const element = await fixture<XmtpUnlinkAddress>(html`
      <xmtp-unlink-address inbox-id=${INBOX} address=${OWNER} .provider=${provider}></xmtp-unlink-address>
    `);
    // The page's own mistake: plain words for the reader, the reason for the page's developer.
    expect(statusText(element)).to.equal('This button is not set up correctly, so nothing can be signed here.');
    await refusedBeforeTheWallet(element, calls);
  });

  it('refuses a link text handed to the unlink prompt', async () => {
    const { provider, calls } = spiedWallet(createThrowawayWallet({ connected: true }));
    const text = identityText({ inboxId: INBOX, time: TIME, actions: [{ type: 'link-address', address: OWNER }] });
    const element = await fixture<XmtpUnlinkAddress>(html`
      <xmtp-unlink-address inbox-id=${INBOX} address=${OWNER} signer=${OWNER} .text=${text} .provider=${provider}></xmtp-unlink-address>
    `);
    expect(statusText(element)).to.equal('Blocked: this text asks for something else than this page describes.');
    await refusedBeforeTheWallet(element, calls);
  });
});
