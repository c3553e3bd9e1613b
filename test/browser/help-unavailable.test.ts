// The CDN file hosted without the rare controls' file beside it (copied alone, or the reader went
// offline): a reader with several wallets is told to try again in plain words, never left on a
// picker that cannot show, and each try asks for the file again.
import { expect } from '@open-wc/testing';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpErrorDetail } from '../../src/elements/shared/events.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { PUBLISHER, actionButton, announceWallets, statusReached, statusText } from './support.js';

const SCRIPT = '/dist/cdn/xmtp-subscribe.js';
const NOT_HOSTED = 'xmtp-subscribe-help-not-hosted.js';

/** Imports the CDN file as if served from its own folder, with its help file's name pointing nowhere. */
async function importWithoutHelp(): Promise<void> {
  const source = await (await fetch(SCRIPT)).text();
  expect(source, 'the CDN file loads its help from beside itself').to.include('xmtp-subscribe-help.js');
  const here = JSON.stringify(new URL(SCRIPT, location.href).href);
  const rewritten = source.replaceAll('xmtp-subscribe-help.js', NOT_HOSTED).replaceAll('import.meta.url', here);
  await import(/* @vite-ignore */ URL.createObjectURL(new Blob([rewritten], { type: 'text/javascript' })));
}

describe('the rare controls, when their file cannot load', () => {
  it('tell a reader with several wallets to try again, and load again on the next click', async () => {
    await importWithoutHelp();
    const stopAnnouncing = announceWallets([createThrowawayWallet(), createThrowawayWallet()], ['One', 'Two']);
    document.body.insertAdjacentHTML('beforeend', `<xmtp-subscribe publisher="${PUBLISHER}" endpoint="${location.origin}/consent"></xmtp-subscribe>`);
    const element = document.querySelector('xmtp-subscribe') as XmtpSubscribe;
    const errors: XmtpErrorDetail[] = [];
    element.addEventListener('xmtp-error', (event) => errors.push(event.detail));
    const requests = () => performance.getEntriesByType('resource').filter(({ name }) => name.endsWith(NOT_HOSTED)).length;
    try {
      await element.updateComplete;
      for (const attempt of [1, 2]) {
        const failed = statusReached(element, 'error');
        actionButton(element).click();
        await failed;
        expect(errors.map(({ code }) => code)).to.deep.equal(Array(attempt).fill('network'));
        expect(errors.at(-1)!.message).to.include('could not load');
        expect(statusText(element)).to.equal('Could not reach the server. Try again in a moment.');
        expect(element.shadowRoot!.querySelector('[part~="wallet"]'), 'no picker').to.equal(null);
        expect(requests(), 'the file was asked for again').to.be.at.least(attempt);
        // Back to idle for the next click (the error's own button says Try again).
        element.reset();
      }
    } finally {
      stopAnnouncing();
      element.remove();
    }
  });
});
