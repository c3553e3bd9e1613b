// The demo page: finds a wallet (or offers a throwaway one), prepares example identity texts for
// it, logs every element's events, and asks the endpoint whether the reader is on the list.
import { createThrowawayWallet, identityText, inboxId } from '/demo/dist/kit.js';

const subscribe = document.getElementById('subscribe');
const walletStatus = document.getElementById('wallet-status');
const throwaway = document.getElementById('throwaway');
const events = document.getElementById('events');
const listStatus = document.getElementById('list-status');
const prompts = ['request', 'link', 'unlink', 'recovery'].map((id) => document.getElementById(id));

/** Another address for the examples: the inbox a wallet is linked to, the address unlinked. */
const EXAMPLE_ADDRESS = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const randomHex = (bytes) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Fills the identity prompts with texts an XMTP SDK would produce for `address`. */
function prepareIdentityPrompts(address, provider) {
  const [request, link, unlink, recovery] = prompts;
  const time = Date.now();
  request.text = identityText({
    inboxId: inboxId(address),
    time,
    actions: [
      { type: 'create-inbox', owner: address },
      { type: 'grant-app', installationId: randomHex(32) },
    ],
  });
  Object.assign(link, { inboxId: inboxId(EXAMPLE_ADDRESS), address });
  Object.assign(unlink, { inboxId: inboxId(address), address: EXAMPLE_ADDRESS, signer: address });
  recovery.text = identityText({
    inboxId: inboxId(address),
    time,
    actions: [{ type: 'change-recovery-address', address: EXAMPLE_ADDRESS }],
  });
  for (const prompt of prompts) prompt.provider = provider;
  document.getElementById('identity-setup').hidden = true;
  document.getElementById('identity-prompts').hidden = false;
}

/** A wallet a real extension offers: the first announced through EIP-6963, else the injected one. */
function findWallet() {
  return new Promise((resolve) => {
    const announced = (event) => resolve(event.detail.provider);
    window.addEventListener('eip6963:announceProvider', announced, { once: true });
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    setTimeout(() => {
      window.removeEventListener('eip6963:announceProvider', announced);
      resolve(window.ethereum);
    }, 500);
  });
}

findWallet().then((wallet) => {
  if (wallet) {
    walletStatus.textContent = 'Using the wallet in this browser.';
    document.getElementById('identity-status').textContent = 'The examples need your wallet\'s address.';
    const prepare = document.getElementById('prepare-identity');
    prepare.hidden = false;
    prepare.addEventListener('click', async () => {
      const [address] = await wallet.request({ method: 'eth_requestAccounts' });
      prepareIdentityPrompts(address, wallet);
    });
    return;
  }
  walletStatus.textContent = 'No wallet extension found.';
  throwaway.hidden = false;
});

document.getElementById('use-throwaway').addEventListener('click', () => {
  const wallet = createThrowawayWallet();
  for (const element of document.querySelectorAll('xmtp-subscribe')) element.provider = wallet;
  throwaway.hidden = true;
  walletStatus.textContent = `Using a throwaway wallet, address ${wallet.address}.`;
  prepareIdentityPrompts(wallet.address, wallet);
});


const EVENTS = [
  'xmtp-status-change',
  'xmtp-consent-signed',
  'xmtp-subscribed',
  'xmtp-unsubscribed',
  'xmtp-signature',
  'xmtp-error',
];
for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `<${event.target.localName}> ${name} ${JSON.stringify(event.detail)}`;
    events.append(item);
  });
}

/** Asks the list about the reader, with the receipt that lets it answer (it tells anyone else nothing). */
async function showListStatus({ detail }) {
  const url = new URL(subscribe.endpoint, location.href);
  url.search = new URLSearchParams({ publisher: detail.publisher, subscriber: detail.subscriber, receipt: detail.receipt });
  const answer = await (await fetch(url)).json();
  listStatus.textContent = `The endpoint's list says: ${answer.status} (GET ${url.pathname} with the reader's receipt).`;
}
subscribe.addEventListener('xmtp-subscribed', showListStatus);
subscribe.addEventListener('xmtp-unsubscribed', showListStatus);
