// The demo page: finds a wallet (or offers a throwaway one), logs the element's events, and asks
// the endpoint whether the reader is on the list.
import { createThrowawayWallet } from '/demo/dist/throwaway-wallet.js';

const subscribe = document.getElementById('subscribe');
const walletStatus = document.getElementById('wallet-status');
const throwaway = document.getElementById('throwaway');
const events = document.getElementById('events');
const listStatus = document.getElementById('list-status');

/** Any wallet a real extension offers: injected, or announced through EIP-6963. */
function findWallet() {
  return new Promise((resolve) => {
    if (window.ethereum) return resolve(true);
    const announced = () => resolve(true);
    window.addEventListener('eip6963:announceProvider', announced, { once: true });
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    setTimeout(() => {
      window.removeEventListener('eip6963:announceProvider', announced);
      resolve(Boolean(window.ethereum));
    }, 500);
  });
}

findWallet().then((found) => {
  if (found) {
    walletStatus.textContent = 'Using the wallet in this browser.';
    return;
  }
  walletStatus.textContent = 'No wallet extension found.';
  throwaway.hidden = false;
});

document.getElementById('use-throwaway').addEventListener('click', () => {
  const wallet = createThrowawayWallet();
  subscribe.provider = wallet;
  throwaway.hidden = true;
  walletStatus.textContent = `Using a throwaway wallet, address ${wallet.address}.`;
});

for (const name of ['xmtp-status-change', 'xmtp-consent-signed', 'xmtp-subscribed', 'xmtp-error']) {
  subscribe.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    events.append(item);
  });
}

subscribe.addEventListener('xmtp-subscribed', async ({ detail }) => {
  const url = new URL(subscribe.endpoint, location.href);
  url.search = new URLSearchParams({ publisher: detail.publisher, subscriber: detail.subscriber });
  const answer = await (await fetch(url)).json();
  listStatus.textContent = `The endpoint's list says: ${answer.status} (GET ${url.pathname}${url.search}).`;
});
