// What <xmtp-link-address> and <xmtp-unlink-address> share: a text with exactly one action, that
// links or unlinks exactly the given address, of the given inbox. Anything more is refused.
import type { PropertyDeclarations } from 'lit';
import { checksumAddress } from '../../core/address.js';
import type { IdentityAction } from '../../core/identity.js';
import { BlockedText } from './blocked-text.js';
import { XmtpSignatureRequest, type SignatureRequest } from './xmtp-signature-request.component.js';

export abstract class AddressChangeRequest extends XmtpSignatureRequest {
  static override properties: PropertyDeclarations = {
    address: {},
  };

  /** The address being linked or unlinked; the one action the text may hold is about it. */
  address = '';

  /** The one action this prompt accepts. */
  protected abstract readonly action: 'link-address' | 'unlink-address';

  /** Who must sign, given the page's `signer` (if any) and the address being changed. */
  protected abstract requiredSigner(signer: `0x${string}` | undefined, address: `0x${string}`): `0x${string}`;

  protected override inputValues(): unknown[] {
    return [...super.inputValues(), this.address];
  }

  protected override builtActions(): IdentityAction[] {
    return [{ type: this.action, address: this.address }];
  }

  protected override readRequest(): SignatureRequest {
    const address = checksumAddress(this.address, 'address');
    const request = super.readRequest();
    const { parsed } = request;
    if (parsed.kind !== 'identity') {
      const message = `this prompt signs an XMTP "Authenticate to inbox" text, not a ${parsed.kind} text`;
      throw new BlockedText(message, 'other-action');
    }
    if (this.inboxId && parsed.inboxId !== this.inboxId.toLowerCase()) {
      const message = `the text is for inbox ${parsed.inboxId}, not for inbox-id ${this.inboxId}`;
      throw new BlockedText(message, 'other-inbox');
    }
    const wanted = `${this.action} ${address.toLowerCase()}`;
    const asked = parsed.actions.map((action) => `${action.type} ${'address' in action ? action.address : ''}`.trim());
    if (asked.length !== 1 || asked[0] !== wanted) {
      const message = `this prompt accepts only "${wanted}", but the text asks for: ${asked.join('; ')}`;
      const recovery = parsed.actions.find((action) => action.type === 'change-recovery-address');
      if (recovery) throw new BlockedText(message, 'recovery', recovery.address);
      const [only] = parsed.actions;
      if (asked.length === 1 && only?.type === this.action) throw new BlockedText(message, 'other-address', only.address);
      throw new BlockedText(message, 'other-action');
    }
    return { ...request, signer: this.requiredSigner(request.signer, address) };
  }
}
