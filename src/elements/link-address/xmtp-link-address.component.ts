// <xmtp-link-address>: the signature that adds an address to an XMTP inbox, signed by that address.
import { AddressChangeRequest } from '../signature-request/address-change-request.js';

/**
 * Gets XMTP's "Link address to inbox" signature from the address being added. Accepts only a text
 * whose single action links `address` (to `inbox-id`, when given); a text that hides anything
 * else, such as a recovery address change, is refused before the wallet is asked.
 *
 * @tag xmtp-link-address
 * @summary A prompt for the signature that links an address to an XMTP inbox.
 *
 * @attr address - The address to link; it is also the account that must sign.
 * @attr inbox-id - The inbox it joins; with no `text`, the text is built from it.
 * @attr text - The signature text, as an XMTP SDK produced it (for example for adding an account).
 * @attr time - When a built text is dated: milliseconds or ISO 8601.
 * @attr signer - Optional; if given it must be `address`.
 * @attr endpoint - Where to POST `{ text, signature, signer }` once signed (optional).
 *
 * @fires xmtp-signature - `{ text, signature, signer, parsed }` once the wallet signed.
 */
export class XmtpLinkAddress extends AddressChangeRequest {
  protected readonly action = 'link-address';

  protected requiredSigner(signer: `0x${string}` | undefined, address: `0x${string}`): `0x${string}` {
    if (signer && signer !== address) {
      throw new TypeError(`a link is signed by the address being added, ${address}, not by signer ${signer}`);
    }
    return address;
  }

  protected override signerSentence(): string {
    return this.words.signWithNewAddress;
  }
}
