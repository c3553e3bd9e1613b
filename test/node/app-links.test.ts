// The links that open a page in wallet apps' in-app browsers, each in its exact documented form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { walletAppLinks } from '../../src/wallet/app-links.js';

const PAGE = 'https://news.example.com/subscribe?list=weekly&lang=fr';
const ENCODED = 'https%3A%2F%2Fnews.example.com%2Fsubscribe%3Flist%3Dweekly%26lang%3Dfr';

describe('walletAppLinks', () => {
  it('gives each major wallet app its own link form for the page', () => {
    assert.deepEqual(walletAppLinks(PAGE), [
      { name: 'MetaMask', href: 'https://link.metamask.io/dapp/news.example.com/subscribe?list=weekly&lang=fr' },
      { name: 'Coinbase Wallet', href: `https://go.cb-w.com/dapp?cb_url=${ENCODED}` },
      { name: 'Trust Wallet', href: `https://link.trustwallet.com/open_url?coin_id=60&url=${ENCODED}` },
      { name: 'Rainbow', href: `https://rnbwapp.com/dapp?url=${ENCODED}` },
      {
        name: 'OKX Wallet',
        href: `https://web3.okx.com/download?deeplink=okx%3A%2F%2Fwallet%2Fdapp%2Furl%3FdappUrl%3D${encodeURIComponent(ENCODED)}`,
      },
    ]);
  });

  it('keeps a port, and each app gets the page back exactly', () => {
    const page = 'http://127.0.0.1:8787/demo/?a=1&b=%C3%A9#top';
    const [metaMask, coinbase, trust, rainbow, okx] = walletAppLinks(page);
    assert.equal(metaMask!.href, 'https://link.metamask.io/dapp/127.0.0.1:8787/demo/?a=1&b=%C3%A9');
    assert.equal(new URL(coinbase!.href).searchParams.get('cb_url'), page);
    assert.equal(new URL(trust!.href).searchParams.get('url'), page);
    assert.equal(new URL(rainbow!.href).searchParams.get('url'), page);
    const appLink = new URL(new URL(okx!.href).searchParams.get('deeplink')!);
    assert.equal(appLink.protocol, 'okx:');
    assert.equal(appLink.searchParams.get('dappUrl'), page);
  });
});
