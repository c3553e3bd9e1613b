// A signature text a prompt refuses for what it says (not for how the page set the prompt up): the
// reader is told why in plain words, the developer gets the detail in `xmtp-error`.
import type { BlockReason } from '../shared/strings.js';

export class BlockedText extends TypeError {
  constructor(
    message: string,
    readonly reason: BlockReason,
    /** The address the sentence names, if any. */
    readonly value = '',
  ) {
    super(message);
  }
}
