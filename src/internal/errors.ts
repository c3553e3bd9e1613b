// The classified failures every element reports, so hosts can react to a code, not to prose.

export type XmtpErrorCode =
  | 'no-wallet'
  | 'user-rejected'
  | 'wrong-account'
  | 'invalid-config'
  | 'network'
  | 'rejected-by-server'
  /** Neither the wallet nor the server: a fault in the page or in this code. */
  | 'unexpected';

export class XmtpError extends Error {
  override name = 'XmtpError';

  constructor(
    readonly code: XmtpErrorCode,
    message: string,
    /** The server's own error code, for `rejected-by-server`. */
    readonly serverCode?: string,
  ) {
    super(message);
  }
}
