// A publisher's list as JSON Lines or CSV, streamed: records come from the store's paged `list` and
// go out with the output's backpressure, so memory stays flat however long the list is. CSV cells
// a spreadsheet would run as a formula are neutralised.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ConsentRecord, ConsentStore, ListState } from './store.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Every exported record's fields, in this order (the CSV header): the pair and its state, the
 * newest consent proof (the opt-in), then the newest withdrawal (the opt-out). A statement the
 * pair has not made is null in JSONL and empty in CSV.
 */
const COLUMNS = [
  'publisher',
  'subscriber',
  'state',
  'consentedAt',
  'signature',
  'consentProof',
  'signerKind',
  'receivedAt',
  'unsubscribedAt',
  'unsubscribeSignature',
  'unsubscribeSignerKind',
  'unsubscribeReceivedAt',
] as const;
type ExportedRecord = Record<(typeof COLUMNS)[number], string | number | null>;

/** Lines are sent in chunks of about this many characters: a million rows are not a million writes. */
const CHUNK_CHARS = 64 * 1024;

function exported({ publisher, subscriber, state, consent, withdrawal }: ConsentRecord): ExportedRecord {
  return {
    publisher,
    subscriber,
    state,
    consentedAt: consent?.timestampMs ?? null,
    signature: consent?.signature ?? null,
    consentProof: consent ? Buffer.from(consent.proof).toString('base64') : null,
    signerKind: consent?.signerKind ?? null,
    receivedAt: consent?.receivedAt ?? null,
    unsubscribedAt: withdrawal?.timestampMs ?? null,
    unsubscribeSignature: withdrawal?.signature ?? null,
    unsubscribeSignerKind: withdrawal?.signerKind ?? null,
    unsubscribeReceivedAt: withdrawal?.receivedAt ?? null,
  };
}

/** What a spreadsheet reads as a formula (or, after a tab or CR, may): such a cell gets a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a text a spreadsheet would run is prefixed with `'` (OWASP's advice), then, as
 * RFC 4180 asks, a field holding a quote, a comma or a line break is quoted with its quotes doubled.
 */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 lines end with CRLF; the last one too, which it allows. */
const csvLine = (fields: readonly (string | number | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

const LINE: Record<ExportFormat, (record: ExportedRecord) => string> = {
  jsonl: (record) => `${JSON.stringify(record)}\n`,
  csv: (record) => csvLine(COLUMNS.map((column) => record[column])),
};

async function* chunks(records: AsyncIterable<ConsentRecord>, format: ExportFormat): AsyncGenerator<string> {
  let chunk = format === 'csv' ? csvLine(COLUMNS) : '';
  for await (const record of records) {
    chunk += LINE[format](exported(record));
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes `publisher`'s records in `state` (the readers it may message, by default) from `store` to
 * `output` in `format`, one record a line, and ends `output`.
 */
export async function exportList(
  store: ConsentStore,
  publisher: string,
  format: ExportFormat,
  output: Writable,
  state: ListState = 'allowed',
): Promise<void> {
  await pipeline(Readable.from(chunks(store.list(publisher, { state }), format)), output);
}
