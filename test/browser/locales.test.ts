// Strings follow the nearest `lang`: shipped locales register themselves, right-to-left works, and
// a page's own `strings` win.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/subscribe/xmtp-subscribe.js';
import type { XmtpSubscribe } from '../../src/elements/subscribe/xmtp-subscribe.js';
import { actionButton } from './support.js';

const PUBLISHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

async function inLang(lang: string, dir = 'ltr') {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang=${lang} dir=${dir}><xmtp-subscribe publisher=${PUBLISHER} publisher-name="Le Journal"></xmtp-subscribe></div>
  `);
  const element = wrapper.querySelector('xmtp-subscribe') as XmtpSubscribe;
  await element.updateComplete;
  return element;
}

const summary = (element: XmtpSubscribe) => element.shadowRoot!.querySelector('[part~="summary"]')!.textContent!;

describe('locales', () => {
  it('speaks English when no locale matches the nearest lang', async () => {
    const element = await inLang('fr');
    expect(actionButton(element).textContent!.trim()).to.equal('Subscribe');
  });

  it('switches to a locale as soon as its file registers it, and matches fr-CA to fr', async () => {
    const element = await inLang('fr-CA');
    await import('../../src/locales/fr.js');
    await element.updateComplete;
    expect(actionButton(element).textContent!.trim()).to.equal('S’abonner');
    expect(summary(element)).to.contain('Autoriser Le Journal (0x7099…79C8) à vous écrire sur XMTP');
  });

  it('lets the page’s strings win over the locale', async () => {
    await import('../../src/locales/es.js');
    const element = await inLang('es');
    element.strings = { subscribe: '¡Apúntate!' };
    await element.updateComplete;
    expect(actionButton(element).textContent!.trim()).to.equal('¡Apúntate!');
    expect(summary(element)).to.contain('Permitir que Le Journal (0x7099…79C8) te escriba en XMTP');
  });

  it('lays out right to left in Arabic, with addresses still left to right', async () => {
    await import('../../src/locales/ar.js');
    const element = await inLang('ar', 'rtl');
    expect(actionButton(element).textContent!.trim()).to.equal('اشترك');
    const base = element.shadowRoot!.querySelector('[part~="base"]')!;
    const address = element.shadowRoot!.querySelector('[part~="address"]')!;
    expect(getComputedStyle(base).direction).to.equal('rtl');
    expect(getComputedStyle(address).direction).to.equal('ltr');
    // The action button starts on the right in right-to-left layout.
    const baseBox = base.getBoundingClientRect();
    const buttonBox = actionButton(element).getBoundingClientRect();
    expect(baseBox.right - buttonBox.right).to.be.lessThan(buttonBox.left - baseBox.left);
    await expect(element).to.be.accessible();
  });
});
