// The allowed-contacts endpoint (DESIGN.md, "The allowed-contacts endpoint"): a fetch handler that
// runs each request past its route's guards, then verifies the posted statement and applies it to
// the store (queueing its webhook event, when there is a webhook), or tells a page whether a reader
// is on the list.
import { appliedAnswer, statusAnswer, type Answer } from './answers.js';
import { wholeSecond } from './canonical.js';
import { address, jsonFields } from './fields.js';
import { frontDoor, type Arrival } from './front-door.js';
import { allowedOrigin, bodyWithin, jsonMediaType, withinIpBudget, type Guard, type Incoming } from './guards.js';
import { handlerSettings, type ConsentHandlerOptions } from './handler-options.js';
import type { ClientInfo, FetchHandler, UnreadableRequest } from './http.js';
import { mintReceipt, receiptMatches } from './receipts.js';
import { Refusal, badRequest } from './refusal.js';
import { refuseWhenLimited } from './rate-limit.js';
import { handlerRecovery } from './recovery/handler-recovery.js';
import type { RequestFacts } from './request-log.js';
import { readStatement } from './statements/registry.js';
import type { PostedStatement } from './statements/statement.js';
import { startWebhookDelivery } from './webhooks/delivery.js';

export type { ConsentHandlerOptions } from './handler-options.js';

/**
 * The handler. `refuseUnreadable` answers what a runtime could not make a `Request` of (`nodeListener`
 * calls it), counted against the client's budget and logged like any request.
 */
export type ConsentHandler = FetchHandler & {
  refuseUnreadable(request: UnreadableRequest, info?: ClientInfo): Promise<Response>;
  /**
   * Stops delivering webhook events (a delivery in flight is cut off and retried later) and stops
   * the signature recovery threads (`verifyThreads`); call it before closing the store.
   */
  close(): Promise<void>;
  /** Which signature recovery the handler uses (`native` or `pure`), and in how many threads (0: the calling one). */
  recovery(): Promise<{ kind: 'native' | 'pure'; threads: number }>;
};

const MAX_BODY_BYTES = 16 * 1024;
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const PREFLIGHT_MAX_AGE_S = '600';

/** Creates the endpoint; throws a `TypeError` saying what is wrong with a wrong option (see handler-options.ts). */
export function createConsentHandler(options: ConsentHandlerOptions): ConsentHandler {
  const settings = handlerSettings(options);
  const { publishers, store, subscriberBudget, now, maxAgeMs, maxFutureMs, chain } = settings;
  const enter = frontDoor(settings);
  const recovery = handlerRecovery(settings.verifyThreads);
  const { recoverSigner } = recovery;
  const webhook = settings.webhook && {
    delivery: startWebhookDelivery(store.webhookQueue!, settings.webhook),
    applyOptions: { queueEvent: { maxQueued: settings.webhook.maxQueued } },
  };

  // The guards run in the contract's precedence order: 429, 413 (or 408), 415, 403 origin. What
  // follows them for a statement keeps that order: 400, 429 per subscriber (kept per statement, the
  // first moment the statement is known), 403 publisher, then its own 422, 403 signature or 503.
  const ipBudget = withinIpBudget(settings.ipBudget);
  const readBody = bodyWithin({ maxBytes: MAX_BODY_BYTES, timeoutMs: settings.bodyTimeoutMs });
  const fromAllowedOrigin = allowedOrigin(settings.origins);
  const routes = new Map<string, Route>([
    ['POST', { guards: [ipBudget, readBody, jsonMediaType, fromAllowedOrigin], answer: applyStatement }],
    ['GET', { guards: [ipBudget, fromAllowedOrigin], answer: consentStatus }],
    ['OPTIONS', { guards: [ipBudget, fromAllowedOrigin], answer: preflight }],
  ]);
  const otherMethods: Route = { guards: [ipBudget], answer: methodNotAllowed };

  /**
   * The subscriber's budget is kept per signed statement (`budgetKey`) and counts statements that
   * verified, so junk naming a reader (which fails verification, and is counted against its client
   * IP only) never delays that reader's own statement, and replays of a reader's old statement
   * (which verify) never delay a newer one, nor one for another publisher. It still bounds what one
   * statement costs: N posts a minute of it, from any IPs, each a receipt. A spent budget is refused
   * before verifying, so that costs nothing either; the store is not asked before verifying, so
   * junk cannot learn from the answer whether a reader is on a list.
   */
  async function applyStatement({ body, clientIp }: Incoming, facts: RequestFacts): Promise<Answer> {
    // `readBody`, one of this route's guards, has set the body.
    const statement = readStatement(jsonFields(body!));
    const { publisher, subscriber, signature } = statement;
    Object.assign(facts, { publisher, subscriber, signature });
    const key = budgetKey(statement);
    const whose = `for this ${statement.kind === 'consent' ? 'consent proof' : 'withdrawal'} of ${subscriber}`;
    refuseWhenLimited(subscriberBudget.wait(key), whose);
    if (!publishers.has(publisher)) {
      throw new Refusal(403, 'unknown_publisher', `${publisher} is not a publisher served here`);
    }
    const verified = await statement.verify({ now: now(), maxAgeMs, maxFutureMs, chain, clientIp, recoverSigner });
    refuseWhenLimited(subscriberBudget.take(key), whose);
    const { receipt, hash } = await mintReceipt();
    const applied = await store.apply(verified, hash, webhook?.applyOptions);
    if (applied.webhook) webhook?.delivery.queued(applied.webhook);
    return appliedAnswer(applied, receipt);
  }

  /**
   * A pair's state, told only to whoever shows one of its receipts. Without one, or with a wrong
   * one, the answer is exactly a stranger's, after the same store lookup, so neither the answer nor
   * its timing says whether an address is on the list.
   */
  async function consentStatus({ request }: Incoming, facts: RequestFacts): Promise<Answer> {
    const query = new URL(request.url).searchParams;
    const param = (name: 'publisher' | 'subscriber') =>
      address(query.get(name) ?? badRequest(`the ${name} query parameter is missing`), name);
    facts.publisher = param('publisher');
    facts.subscriber = param('subscriber');
    const record = await store.get(facts.publisher, facts.subscriber);
    const shown = await receiptMatches(query.get('receipt'), record?.receiptHashes ?? []);
    return statusAnswer(shown && publishers.has(facts.publisher) ? record : undefined);
  }

  const handler: FetchHandler = (request, { clientIp } = {}) => {
    const { method, url, headers } = request;
    const arrival: Arrival = { method, path: new URL(url).pathname, headers, peer: clientIp };
    return enter(arrival, async (resolvedIp, facts) => {
      const incoming: Incoming = { request, origin: request.headers.get('origin'), clientIp: resolvedIp };
      const route = routes.get(request.method) ?? otherMethods;
      for (const guard of route.guards) await guard(incoming);
      return route.answer(incoming, facts);
    });
  };

  async function refuseUnreadable(unreadable: UnreadableRequest, { clientIp }: ClientInfo = {}): Promise<Response> {
    const { method, path, headers, status, code, message } = unreadable;
    return enter({ method, path, headers, peer: clientIp }, async (resolvedIp) => {
      ipBudget({ clientIp: resolvedIp });
      throw new Refusal(status, code, message, status === 405 ? { allow: ALLOWED_METHODS } : {});
    });
  }

  const close = async () => {
    await Promise.all([webhook?.delivery.stop(), recovery.close()]);
  };

  return Object.assign(handler, { refuseUnreadable, close, recovery: recovery.describe });
}

/**
 * A statement's identity, which its subscriber budget is kept under: one text per publisher, kind and
 * signed second, so every encoding of one signature shares it, and replaying it spends only its own.
 */
function budgetKey({ subscriber, publisher, kind, timestampMs }: PostedStatement): string {
  return `${subscriber}|${publisher}|${kind}|${wholeSecond(timestampMs)}`;
}

/** How the endpoint answers one method: the guards a request passes first, then the answer. */
interface Route {
  guards: readonly Guard[];
  answer(incoming: Incoming, facts: RequestFacts): Promise<Answer>;
}

async function preflight(): Promise<Answer> {
  const headers = {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
  };
  return { code: 'preflight', response: new Response(null, { status: 204, headers }) };
}

async function methodNotAllowed({ request }: Incoming): Promise<Answer> {
  throw new Refusal(405, 'method_not_allowed', `${request.method} is not answered here; use ${ALLOWED_METHODS}`, {
    allow: ALLOWED_METHODS,
  });
}
