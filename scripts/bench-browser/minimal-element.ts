// The yardstick of `npm run bench:browser`: the least a lit element can be that does the same
// wallet work as <xmtp-subscribe> (request an account, checksum it with keccak, sign the consent
// text with personal_sign, POST it), with none of the product around it.
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { html, LitElement } from 'lit';

interface Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

function checksum(address: string): string {
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  return `0x${[...lower].map((c, i) => (Number.parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
}

class MinimalSubscribe extends LitElement {
  static override properties = { publisher: {}, endpoint: {}, done: { state: true } };
  publisher = '';
  endpoint = '';
  done = false;
  provider: Provider | undefined;

  async #subscribe() {
    const provider = this.provider!;
    const [account] = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
    const time = Date.now();
    const text = `XMTP : Grant inbox consent to sender\n\nCurrent Time: ${new Date(time).toUTCString()}\nFrom Address: ${checksum(this.publisher)}\n\nFor more info: https://xmtp.org/signatures/`;
    const hex = `0x${bytesToHex(utf8ToBytes(text))}`;
    const signature = await provider.request({ method: 'personal_sign', params: [hex, checksum(account!)] });
    if (this.endpoint) {
      await fetch(this.endpoint, { method: 'POST', body: JSON.stringify({ signature, time }) });
    }
    this.done = true;
  }

  override render() {
    return this.done ? html`<p>Subscribed</p>` : html`<button @click=${this.#subscribe}>Subscribe</button>`;
  }
}

customElements.define('minimal-subscribe', MinimalSubscribe);
