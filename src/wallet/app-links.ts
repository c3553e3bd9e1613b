// Links that open a page in the in-app browsers of the major wallet apps, for readers on a phone
// without a wallet in their browser: each in the form that wallet documents (Rainbow publishes
// none; its form is the one its app answers and the ecosystem uses).

export interface WalletAppLink {
  name: string;
  href: string;
}

/** One link per wallet app for `page` (an absolute http(s) URL), in a stable order. */
export function walletAppLinks(page: string): WalletAppLink[] {
  const url = new URL(page);
  const encoded = encodeURIComponent(url.href);
  return [
    // MetaMask takes the page without its scheme, as a path.
    { name: 'MetaMask', href: `https://link.metamask.io/dapp/${url.host}${url.pathname}${url.search}` },
    { name: 'Coinbase Wallet', href: `https://go.cb-w.com/dapp?cb_url=${encoded}` },
    { name: 'Trust Wallet', href: `https://link.trustwallet.com/open_url?coin_id=60&url=${encoded}` },
    { name: 'Rainbow', href: `https://rnbwapp.com/dapp?url=${encoded}` },
    // OKX wraps its app link in a universal link, which installs the app when it is missing.
    {
      name: 'OKX Wallet',
      href: `https://web3.okx.com/download?deeplink=${encodeURIComponent(`okx://wallet/dapp/url?dappUrl=${encoded}`)}`,
    },
  ];
}

/** Whether this browser runs on a phone or tablet, where wallets are apps rather than extensions. */
export function onPhone(): boolean {
  const agent = globalThis.navigator as (Navigator & { userAgentData?: { mobile?: boolean } }) | undefined;
  return agent?.userAgentData?.mobile ?? /Android|iPhone|iPad|iPod|Mobile/i.test(agent?.userAgent ?? '');
}
