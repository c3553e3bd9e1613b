// A publisher's allowed-contacts list as JSON Lines or CSV, streamed: records come from the
// store's paged `list` and go out with the output's backpressure, so memory stays flat however
// long the list is.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bytesToBase64 } from '../core/base64.js';
import type { ConsentRecord, ConsentStore } from './store.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Every exported record's fields, in this order (the CSV header). */
const COLUMNS = [
  'publisher',
  'subscriber',
  'consentedAt',
  'signature',
  'consentProof',
  'signerKind',
  'receivedAt',
] as const;
type ExportedRecord = Record<(typeof COLUMNS)[number], string | number>;

/** Lines are sent in chunks of about this many characters: a million rows are not a million writes. */
const CHUNK_CHARS = 64 * 1024;

function exported(record: ConsentRecord): ExportedRecord {
  return {
    publisher: record.publisher,
    subscriber: record.subscriber,
    consentedAt: record.timestampMs,
    signature: record.signature,
    consentProof: bytesToBase64(record.proof),
    signerKind: record.signerKind,
    receivedAt: record.receivedAt,
  };
}

/** RFC 4180: a field holding a quote, a comma or a line break is quoted, its quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 lines end with CRLF; the last one too, which it allows. */
const csvLine = (fields: readonly (string | number)[]) => `${fields.map(csvField).join(',')}\r\n`;

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

/** Writes `publisher`'s list from `store` to `output` in `format`, one record a line, and ends `output`. */
export async function exportList(
  store: ConsentStore,
  publisher: string,
  format: ExportFormat,
  output: Writable,
): Promise<void> {
  await pipeline(Readable.from(chunks(store.list(publisher), format)), output);
}
