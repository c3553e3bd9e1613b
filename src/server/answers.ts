// What the endpoint answers about a pair's record: after a statement was applied (POST), and to a
// page asking (GET); each with the code the request log names it by.
import { jsonResponse } from './http.js';
import type { ApplyResult, ConsentRecord } from './store.js';

export interface Answer {
  code: string;
  response: Response;
}

export function appliedAnswer({ record, created }: ApplyResult): Answer {
  const body = {
    status: 'allowed',
    publisher: record.publisher,
    subscriber: record.subscriber,
    consentedAt: record.timestampMs,
    created,
  };
  return { code: created ? 'created' : 'allowed', response: jsonResponse(created ? 201 : 200, body) };
}

export function statusAnswer(record: ConsentRecord | undefined): Answer {
  return record
    ? { code: 'allowed', response: jsonResponse(200, { status: 'allowed', consentedAt: record.timestampMs }) }
    : { code: 'unknown', response: jsonResponse(404, { status: 'unknown' }) };
}
