// Turns what wallets throw into the elements' error codes (EIP-1193 §provider errors).
import { XmtpError } from '../internal/errors.js';

const USER_REJECTED = 4001;
const UNAUTHORIZED = 4100;
const DISCONNECTED = 4900;
const CHAIN_DISCONNECTED = 4901;

export function classifyWalletError(error: unknown): XmtpError {
  if (error instanceof XmtpError) return error;
  const code = findCode(error);
  const message = (error as { message?: string } | undefined)?.message ?? String(error);
  if (code === UNAUTHORIZED) return new XmtpError('wrong-account', `the wallet refused this account: ${message}`);
  if (code === DISCONNECTED || code === CHAIN_DISCONNECTED) {
    return new XmtpError('no-wallet', `the wallet is disconnected: ${message}`);
  }
  // 4001 and every other refusal: the wallet chose not to sign or connect.
  return new XmtpError('user-rejected', code === USER_REJECTED ? 'the request was rejected in the wallet' : message);
}

/** The EIP-1193 code may sit on the error or, when a library wrapped it, on one of its causes. */
function findCode(error: unknown): number | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
