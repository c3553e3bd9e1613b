// <xmtp-unlink-address>: the signature that removes an address from an XMTP inbox, which XMTP
// accepts only from the inbox's recovery address.
import { AddressChangeRequest } from '../signature-request/address-change-request.js';

/**
 * Gets XMTP's "Unlink address from inbox" signature from the inbox's recovery address. Accepts
 * only a text whose single action unlinks `address` (from `inbox-id`, when given); anything else
 * is refused before the wallet is asked.
 *
 * @tag xmtp-unlink-address
 * @summary A prompt for the signature that unlinks an address from an XMTP inbox.
 *
 * @attr address - The address to unlink.
 * @attr signer - Required: the inbox's recovery address, the only account XMTP accepts for an unlink.
 * @attr inbox-id - The inbox it leaves; with no `text`, the text is built from it.
 * @attr text - The signature text, as an XMTP SDK produced it (for example for removing an account).
 * @attr time - When a built text is dated: milliseconds or ISO 8601.
 * @attr endpoint - Where to POST `{ text, signature, signer }` once signed (optional).
 *
 * @fires xmtp-signature - `{ text, signature, signer, parsed }` once the wallet signed.
 */
export class XmtpUnlinkAddress extends AddressChangeRequest {
  protected readonly action = 'unlink-address';

  protected requiredSigner(signer: `0x${string}` | undefined): `0x${string}` {
    if (!signer) {
      throw new TypeError("signer is required: the inbox's recovery address, the only account XMTP accepts for an unlink");
    }
    return signer;
  }

  protected override signerSentence(): string {
    return this.words.signWithRecoveryAddress;
  }
}
