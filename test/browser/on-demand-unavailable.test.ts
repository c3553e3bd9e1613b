// The CDN file hosted without the files it loads on demand beside it (copied alone, or the reader
// went offline): a reader with several wallets, or one pairing a phone, is told to try again in
// plain words, never left on a picker that cannot show, and each try asks for the file again.
import { expect } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpErrorDetail } from '../../src/elements/shared/events.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { PUBLISHER, actionButton, announceWallets, statusReached, statusText } from './support.js';

const SCRIPT = '/dist/cdn/xmtp-subscribe.js';
const NOT_HOSTED = { help: 'xmtp-subscribe-help-not-hosted.js', walletConnect: 'xmtp-subscribe-walletconnect-not-hosted.js' };

/** Imports the CDN file as if served from its own folder, with its on-demand files' names pointing nowhere. */
async function importWithoutOnDemandFiles(): Promise<void> {
  const source = await (await fetch(SCRIPT)).text();
  expect(source, 'the CDN file loads its help from beside itself').to.include('xmtp-subscribe-help.js');
  expect(source, 'and the WalletConnect add-on').to.include('xmtp-subscribe-walletconnect.js');
  const here = JSON.stringify(new URL(SCRIPT, location.href).href);
  const rewritten = source
    .replaceAll('xmtp-subscribe-help.js', NOT_HOSTED.help)
    .replaceAll('xmtp-subscribe-walletconnect.js', NOT_HOSTED.walletConnect)
    .replaceAll('import.meta.url', here);
  await import(/* @vite-ignore */ URL.createObjectURL(new Blob([rewritten], { type: 'text/javascript' })));
}

/** How many times the page asked for `file`. */
const requests = (file: string) => performance.getEntriesByType('resource').filter(({ name }) => name.endsWith(file)).length;

/**
 * Clicks `element`'s action twice, each time expecting a `network` error in plain words that asked
 * for `file` again, then brings the element back to idle.
 */
async function expectRetryableFailure(element: XmtpSubscribe, file: string): Promise<XmtpErrorDetail[]> {
  const errors: XmtpErrorDetail[] = [];
  element.addEventListener('xmtp-error', (event) => errors.push(event.detail));
  await element.updateComplete;
  for (const attempt of [1, 2]) {
    const failed = statusReached(element, 'error');
    actionButton(element).click();
    await failed;
    expect(errors.map(({ code }) => code)).to.deep.equal(Array(attempt).fill('network'));
    expect(errors.at(-1)!.message).to.include('could not load');
    expect(statusText(element)).to.equal('Could not reach the server. Try again in a moment.');
    expect(requests(file), 'the file was asked for again').to.be.at.least(attempt);
    expect(element.shadowRoot!.querySelector('[part~="wallet"]'), 'no picker').to.equal(null);
    // Back to idle for the next click (the error's own button says Try again).
    element.reset();
  }
  return errors;
}

before(importWithoutOnDemandFiles);

describe('the files loaded on demand, when they cannot load', () => {
  it('the rare controls: tell a reader with several wallets to try again, and load again on the next click', async () => {
    const stopAnnouncing = announceWallets([createThrowawayWallet(), createThrowawayWallet()], ['One', 'Two']);
    document.body.insertAdjacentHTML('beforeend', `<xmtp-subscribe publisher="${PUBLISHER}" endpoint="${location.origin}/consent"></xmtp-subscribe>`);
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    try {
      const errors = await expectRetryableFailure(element, NOT_HOSTED.help);
      expect(errors.at(-1)!.message).to.include('xmtp-subscribe-help');
    } finally {
      stopAnnouncing();
      element.remove();
    }
  });

  it('the WalletConnect add-on: tells a reader without a browser wallet to try again, never that the wallet refused', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<xmtp-subscribe publisher="${PUBLISHER}" walletconnect-project-id="test-project"></xmtp-subscribe>`,
    );
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    try {
      const errors = await expectRetryableFailure(element, NOT_HOSTED.walletConnect);
      expect(errors.at(-1)!.message).to.include('xmtp-subscribe-walletconnect');
    } finally {
      element.remove();
    }
  });
});
