// What the endpoint answers about a pair's record: after a statement was applied (POST), and to a
// page asking with its receipt (GET); each with the code the request log names it by.
import { jsonResponse } from './http.js';
import type { ApplyResult, ConsentRecord } from './store.js';

export interface Answer {
  code: string;
  response: Response;
}

/**
 * The pair's state after a statement, with the new `receipt`: 201 when the consent put a reader on
 * the list for the first time, else 200. An unsubscribed pair's answer carries `created: false`
 * only when the statement changed nothing (DESIGN.md's table: the current state, not newer).
 */
export function appliedAnswer({ record, changed, created }: ApplyResult, receipt: string): Answer {
  const { publisher, subscriber } = record;
  if (record.state === 'allowed') {
    const body = { status: 'allowed', publisher, subscriber, consentedAt: record.consent.timestampMs, created, receipt };
    return { code: created ? 'created' : 'allowed', response: jsonResponse(created ? 201 : 200, body) };
  }
  const changedAt = record.withdrawal.timestampMs;
  const body = { status: 'unsubscribed', publisher, subscriber, changedAt, ...(!changed && { created: false }), receipt };
  return { code: 'unsubscribed', response: jsonResponse(200, body) };
}

/** What a reader who showed their receipt is told; anyone else, `unknown`, exactly as for a stranger. */
export function statusAnswer(record: ConsentRecord | undefined): Answer {
  const body =
    record?.state === 'allowed'
      ? { status: 'allowed', consentedAt: record.consent.timestampMs }
      : record?.state === 'unsubscribed'
        ? { status: 'unsubscribed', changedAt: record.withdrawal.timestampMs }
        : { status: 'unknown' };
  return { code: body.status, response: jsonResponse(200, body) };
}
