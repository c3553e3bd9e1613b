// What every kind of signed statement a reader posts (a consent proof, a withdrawal) provides the
// endpoint: the body field that names it, how to read it and how to verify it.
import type { ChainAccess } from '../chain-budget.js';
import type { VerifyOptions } from '../../core/verify.js';
import type { Fields } from '../fields.js';
import type { SignedStatement } from '../store.js';

export interface Statement {
  /** The body field that carries this kind of statement, like `consentProof`. */
  readonly field: string;
  /** The statement in a body's fields, shape-checked and decoded but not verified; throws a 400 refusal. */
  read(fields: Fields): PostedStatement;
}

/** A statement as read from a body: whom it is about, what it says and when, and how to verify it. */
export interface PostedStatement {
  /** Both addresses checksummed. */
  publisher: string;
  subscriber: string;
  /** Its kind, and the time it claims to be signed at, in ms: as read, not verified. */
  kind: SignedStatement['kind'];
  timestampMs: number;
  /** The whole signature; only its first bytes reach the request log. */
  signature: string;
  /**
   * What the store applies, in canonical form, once the statement verifies; else throws its
   * refusal (422 stale or future, 403 `invalid_signature`, or 503 when what would verify it
   * cannot be reached).
   */
  verify(settings: VerifySettings): Promise<SignedStatement>;
}

/** The endpoint's verification settings, the time the statement is judged and received at, and who posted it. */
export interface VerifySettings {
  now: number;
  maxAgeMs: number;
  maxFutureMs: number;
  /** The chain smart-contract wallets are checked on, when the endpoint has one. */
  chain?: ChainAccess;
  /** Whom the chain calls a statement needs are counted against. */
  clientIp: string | undefined;
  /** How a plain wallet's signer is recovered (in the recovery pool, or in this thread). */
  recoverSigner: NonNullable<VerifyOptions['recoverSigner']>;
}
