// The chain the endpoint asks about smart-contract wallets, on a budget (DESIGN.md, "Budgets that
// junk cannot turn against a reader"). It is asked only when a contract can have made the signature:
// the subscriber has code (looked up once and cached) or the signature carries ERC-6492's suffix.
// Every call, the code lookup included, is counted against an overall budget and one per client
// IP, is never retried, and is given up after a short timeout: junk can neither run up the
// publisher's RPC bill nor hold requests open.
import { createClient, custom, isErc6492Signature, isHex, type Client, type Hex } from 'viem';
import { getCode } from 'viem/actions';
import { ChainUnavailableError } from '../core/verify.js';
import { withinDeadline } from './deadline.js';
import { budgetKey } from './ip-address.js';
import { refuseWhenLimited, type RateLimiter } from './rate-limit.js';
import { Refusal } from './refusal.js';

export interface ChainBudget {
  /** The viem client the operator gave; only its transport's own request (without viem's retries) is used. */
  client: Client;
  /** How long one call may take, in ms. */
  timeoutMs: number;
  /** Calls from this server (one key), and from each client IP. */
  overall: RateLimiter;
  perIp: RateLimiter;
  now: () => number;
}

export interface ChainAccess {
  /**
   * The client to verify `subscriber`'s `signature` with, its call counted; `undefined` when no
   * contract can have made the signature, so the chain is not asked. Throws the 429 or 503 answer
   * when a budget is spent, and a `ChainUnavailableError` when the code lookup gets no answer.
   */
  clientFor(subscriber: string, signature: string, clientIp: string | undefined): Promise<Client | undefined>;
}

/** Addresses whose code is remembered; the oldest are forgotten first. */
const CODE_CACHE_ENTRIES = 10_000;
/**
 * How long "no code" is believed: a counterfactual wallet may be deployed later, and its first
 * plain ERC-1271 signature must then reach the chain. Code, once there, is believed until forgotten.
 */
const NO_CODE_BELIEVED_MS = 60_000;
const OVERALL = 'overall';

export function chainAccess({ client, timeoutMs, overall, perIp, now }: ChainBudget): ChainAccess {
  const bounded = boundedClient(client, timeoutMs);
  const codes = new Map<string, { hasCode: Promise<boolean>; until: number }>();

  /** Counts one call against both budgets, or throws the answer when either is spent (then neither counts). */
  function spend(clientIp: string | undefined): void {
    const key = budgetKey(clientIp);
    refuseWhenLimited(perIp.wait(key), 'from this client that need the chain');
    const wait = overall.wait(OVERALL);
    if (wait > 0) {
      const message = `this server has made all the chain calls it may for now; nothing was stored, try again in ${wait} s`;
      throw new Refusal(503, 'chain_unavailable', message, { 'retry-after': `${wait}` });
    }
    perIp.take(key);
    overall.take(OVERALL);
  }

  function hasCode(address: string, clientIp: string | undefined): Promise<boolean> {
    const known = codes.get(address);
    if (known && known.until > now()) return known.hasCode;
    spend(clientIp);
    const entry = { hasCode: lookUpCode(bounded, address), until: Infinity };
    codes.delete(address);
    codes.set(address, entry);
    if (codes.size > CODE_CACHE_ENTRIES) codes.delete(codes.keys().next().value!);
    entry.hasCode.then(
      (found) => (entry.until = found ? Infinity : now() + NO_CODE_BELIEVED_MS),
      () => codes.get(address) === entry && codes.delete(address),
    );
    return entry.hasCode;
  }

  return {
    async clientFor(subscriber, signature, clientIp) {
      // Not hex, empty or half a byte: the verifiers refuse these before any call.
      if (!isHex(signature) || signature.length <= 2 || signature.length % 2 !== 0) return undefined;
      if (!isErc6492Signature(signature as Hex) && !(await hasCode(subscriber, clientIp))) return undefined;
      spend(clientIp);
      return bounded;
    },
  };
}

async function lookUpCode(client: Client, address: string): Promise<boolean> {
  try {
    const code = await getCode(client, { address: address as Hex });
    return code !== undefined && code !== '0x';
  } catch (error) {
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    throw new ChainUnavailableError(`the chain could not be reached to look up ${address}'s code: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * A client on the same chain whose calls go straight to the operator's transport: not retried
 * (viem retries 3 times by default, which made a hanging chain hold a request 41 s), and given up
 * after `timeoutMs`.
 */
function boundedClient(client: Client, timeoutMs: number): Client {
  const { request } = client.transport;
  const timedOut = () => new Error(`the chain did not answer within ${timeoutMs} ms`);
  return createClient({
    chain: client.chain,
    transport: custom({ request: (args) => withinDeadline(request(args), timeoutMs, timedOut) }, { retryCount: 0 }),
  });
}
