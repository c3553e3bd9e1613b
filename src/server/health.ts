// GET /health, for a load balancer or a monitor: 200 while the store answers `check()` within a
// second, else 503 `store_unavailable`, since an instance that cannot reach its store can neither
// keep nor tell anything. The operator is told when the answer changes, not at every probe.
import { withinDeadline } from './deadline.js';
import { errorResponse, jsonResponse } from './http.js';
import { oneLine, tellOperator } from './operator-log.js';
import { storeUnavailable } from './refusal.js';
import type { ConsentStore } from './store.js';

export const HEALTH_CHECK_TIMEOUT_MS = 1_000;

/** Answers each health probe by checking `store`, waiting at most `timeoutMs`. */
export function healthCheck(store: ConsentStore, timeoutMs = HEALTH_CHECK_TIMEOUT_MS): () => Promise<Response> {
  let failing = false;
  const timedOut = () => new Error(`the store did not answer its check within ${timeoutMs} ms`);
  return async () => {
    try {
      await withinDeadline(store.check(), timeoutMs, timedOut);
      if (failing) tellOperator('/health: the store answers again');
      failing = false;
      return jsonResponse(200, { status: 'ok' });
    } catch (error) {
      if (!failing) tellOperator(`/health answers 503 until the store answers: ${oneLine(error)}`);
      failing = true;
      const { status, code, message, headers } = storeUnavailable('the store does not answer; try again later');
      return errorResponse(status, code, message, headers);
    }
  };
}
