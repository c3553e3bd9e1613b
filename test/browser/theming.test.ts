// Light by default, dark on request, or the reader's system with theme="auto"; --xmtp-* properties win.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';

const PUBLISHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(23, 21, 31)';

async function surface(theme?: string, style = '') {
  const element = await fixture<XmtpSubscribe>(
    html`<xmtp-subscribe publisher=${PUBLISHER} theme=${theme ?? ''} style=${style}></xmtp-subscribe>`,
  );
  if (!theme) element.removeAttribute('theme');
  await element.updateComplete;
  return getComputedStyle(element.shadowRoot!.querySelector('[part~="base"]')!).backgroundColor;
}

describe('theming', () => {
  after(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('is light by default, even on a dark system, and dark with theme="dark"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(await surface()).to.equal(LIGHT_SURFACE);
    expect(await surface('light')).to.equal(LIGHT_SURFACE);
    await emulateMedia({ colorScheme: 'light' });
    expect(await surface('dark')).to.equal(DARK_SURFACE);
  });

  it('follows the reader’s system with theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(await surface('auto')).to.equal(DARK_SURFACE);
    await emulateMedia({ colorScheme: 'light' });
    expect(await surface('auto')).to.equal(LIGHT_SURFACE);
  });

  it('lets --xmtp-* custom properties override either palette', async () => {
    expect(await surface('dark', '--xmtp-surface: rgb(1, 2, 3)')).to.equal('rgb(1, 2, 3)');
  });

  it('drops its transitions when the reader asks for reduced motion', async () => {
    const element = await fixture<XmtpSubscribe>(html`<xmtp-subscribe publisher=${PUBLISHER}></xmtp-subscribe>`);
    const button = element.shadowRoot!.querySelector('[part~="button"]')!;
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(button).transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(button).transitionDuration).to.equal('0s');
  });
});
