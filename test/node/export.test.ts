// xmtp-subscribe-server export: a publisher's list as JSONL and CSV from SQLite and PostgreSQL
// (rows by state, quoting, cells a spreadsheet cannot run, proofs that decode to the stored bytes,
// private files), count and forget on both stores, and a million rows streamed in constant memory
// by the real command.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { base64ToBytes, bytesToBase64 } from '../../src/core/index.js';
import { csvField, exportList, type ExportFormat } from '../../src/server/export.js';
import {
  memoryStore,
  postgresStore,
  sqliteStore,
  type ConsentStatement,
  type ConsentStore,
  type ListState,
  type WithdrawalStatement,
} from '../../src/server/index.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { cli, killClis } from './cli-process.js';
import { NOW, account, publisher, signedProof, signedWithdrawal, strangerPublisher, tempDir } from './server-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
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
];

let dir: Awaited<ReturnType<typeof tempDir>>;
let postgres: ThrowawayPostgres;

before(async () => {
  [dir, postgres] = await Promise.all([tempDir(), startPostgres()]);
});

after(async () => {
  killClis();
  await Promise.all([dir.remove(), postgres.stop()]);
});

/** `reader`'s real signed consent proof for `publisherAddress`, as the store applies it. */
async function signedConsent(reader: number, timestampMs: number, publisherAddress = publisher.address): Promise<ConsentStatement> {
  const signer = account(reader);
  const { signature, proof } = await signedProof(signer, publisherAddress, timestampMs);
  return {
    kind: 'consent',
    publisher: publisherAddress,
    subscriber: signer.address,
    timestampMs,
    signature,
    proof,
    signerKind: 'eoa',
    receivedAt: timestampMs + 7,
  };
}

/** `reader`'s real signed withdrawal for the publisher. */
async function signedLeave(reader: number, timestampMs: number): Promise<WithdrawalStatement> {
  const signer = account(reader);
  const signature = await signedWithdrawal(signer, publisher.address, timestampMs);
  const fields = { publisher: publisher.address, subscriber: signer.address, timestampMs, signature };
  return { kind: 'unsubscribe', ...fields, signerKind: 'eoa', receivedAt: timestampMs + 9 };
}

/** A reader's exported line as CSV cells: the pair, its state, its consent and its withdrawal (empty when none). */
function exportedFields(state: string, consent?: ConsentStatement, withdrawal?: WithdrawalStatement): string[] {
  const { publisher: list, subscriber } = (consent ?? withdrawal)!;
  const consentFields = consent
    ? [consent.timestampMs, consent.signature, bytesToBase64(consent.proof), consent.signerKind, consent.receivedAt]
    : ['', '', '', '', ''];
  const withdrawalFields = withdrawal
    ? [withdrawal.timestampMs, withdrawal.signature, withdrawal.signerKind, withdrawal.receivedAt]
    : ['', '', '', ''];
  return [list, subscriber, state, ...consentFields, ...withdrawalFields].map(String);
}

/** The same as JSONL values: numbers as numbers, a statement not made as null. */
function jsonFields(fields: string[]): unknown[] {
  return fields.map((field) => (field === '' ? null : /^\d+$/.test(field) ? Number(field) : field));
}

describe('export from each store', () => {
  /** The publisher's readers by state, each in the address order an export must follow, as CSV cells. */
  let expected: Record<ListState, string[][]>;

  /**
   * Three allowed readers, one who left after consenting, one who left without ever consenting,
   * and a reader of another publisher.
   */
  async function fill(store: ConsentStore) {
    const consents = await Promise.all([701, 702, 703, 706].map((reader, i) => signedConsent(reader, NOW - 60_000 + i * 1000)));
    const leaves = await Promise.all([706, 707].map((reader) => signedLeave(reader, NOW)));
    for (const statement of [...consents, ...leaves, await signedConsent(704, NOW, strangerPublisher.address)]) await store.apply(statement);
    await store.close();
    const byAddress = (a: string[], b: string[]) => a[1]!.toLowerCase().localeCompare(b[1]!.toLowerCase());
    const allowed = consents.slice(0, 3).map((consent) => exportedFields('allowed', consent)).sort(byAddress);
    const unsubscribed = [exportedFields('unsubscribed', consents[3], leaves[0]), exportedFields('unsubscribed', undefined, leaves[1])].sort(byAddress);
    expected = { allowed, unsubscribed, all: [...allowed, ...unsubscribed].sort(byAddress) };
  }

  const sqliteFile = () => join(dir.path, 'export.db');
  const stores: [string, () => Promise<ConsentStore>, () => string[]][] = [
    ['SQLite', () => sqliteStore(sqliteFile()), () => ['--db', sqliteFile()]],
    ['PostgreSQL', () => postgresStore(postgres.url), () => ['--postgres', postgres.url]],
  ];

  for (const [name, open, storeFlags] of stores) {
    describe(name, () => {
      before(async () => fill(await open()));

      it('writes the allowed readers as JSONL to standard output: one record a line, proofs in base64 of the stored bytes', async () => {
        const { code, stdout, stderr } = await cli(['export', ...storeFlags(), '--publisher', publisher.address]).exited;
        assert.equal(code, 0, stderr);
        const lines = stdout.split('\n');
        assert.equal(lines.pop(), '', 'the last line ends with a newline');
        const parsed = lines.map((line) => JSON.parse(line));
        assert.deepEqual(parsed.map((line) => Object.keys(line)), lines.map(() => COLUMNS));
        assert.deepEqual(parsed.map((line) => COLUMNS.map((column) => line[column])), expected.allowed.map(jsonFields));
        assert.ok(parsed.every((line) => base64ToBytes(line.consentProof).length > 100));
      });

      for (const state of ['unsubscribed', 'all'] as const) {
        it(`writes --state ${state}, with the withdrawals, as JSONL`, async () => {
          const { code, stdout, stderr } = await cli(['export', ...storeFlags(), '--publisher', publisher.address, '--state', state]).exited;
          assert.equal(code, 0, stderr);
          const parsed = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
          assert.deepEqual(parsed.map((line) => COLUMNS.map((column) => line[column])), expected[state].map(jsonFields));
        });
      }

      it('writes CSV with a header line to --out, a new file readable by its owner only, lines ending in CRLF', async () => {
        const out = join(dir.path, `${name}.csv`);
        const args = ['--publisher', publisher.address.toLowerCase(), '--format', 'csv', '--state', 'all', '--out', out];
        const { code, stdout, stderr } = await cli(['export', ...storeFlags(), ...args]).exited;
        assert.equal(code, 0, stderr);
        assert.equal(stdout, '');
        const lines = [COLUMNS, ...expected.all].map((fields) => `${fields.join(',')}\r\n`).join('');
        assert.equal(await readFile(out, 'utf8'), lines);
        assert.equal(((await stat(out)).mode & 0o777).toString(8), '600');
      });

      it('counts the list by state, and forgets a reader (run last: it changes the list)', async () => {
        const count = await cli(['count', ...storeFlags(), '--publisher', publisher.address]).exited;
        assert.equal(count.stdout, 'allowed 3\nunsubscribed 2\n', count.stderr);
        const forgotten = await cli(['forget', ...storeFlags(), '--subscriber', account(706).address]).exited;
        assert.equal(forgotten.stdout, `deleted 1 record of ${account(706).address} from every list\n`, forgotten.stderr);
        assert.equal((await cli(['count', ...storeFlags(), '--publisher', publisher.address]).exited).stdout, 'allowed 3\nunsubscribed 1\n');
      });
    });
  }
});

describe('exportList', () => {
  /** What exportList writes of the publisher's list in `store`. */
  async function exported(store: ConsentStore, format: ExportFormat): Promise<string> {
    const output = new PassThrough();
    const [written] = await Promise.all([text(output), exportList(store, publisher.address, format, output)]);
    return written;
  }

  it('quotes CSV fields as RFC 4180 asks, and JSONL keeps them exactly', async () => {
    const store = memoryStore();
    const odd = { ...(await signedConsent(705, NOW)), signature: 'a "quoted", multi\r\nline value' };
    await store.apply(odd);
    const fields = exportedFields('allowed', odd);
    fields[4] = '"a ""quoted"", multi\r\nline value"';
    assert.equal(await exported(store, 'csv'), `${COLUMNS.join(',')}\r\n${fields.join(',')}\r\n`);
    assert.equal(JSON.parse(await exported(store, 'jsonl')).signature, odd.signature);
  });

  it('neutralises CSV cells a spreadsheet would run, and only those', () => {
    for (const [value, cell] of [
      ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
      ['+1+2', "'+1+2"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"],
      ['\rcmd', `"'\rcmd"`],
      ['0xabc', '0xabc'],
      ['a=b', 'a=b'],
      [-5, '-5'],
      [null, ''],
    ] as const) {
      assert.equal(csvField(value), cell, JSON.stringify(value));
    }
  });

  it('writes only the header for an empty CSV list, and nothing for JSONL', async () => {
    assert.equal(await exported(memoryStore(), 'csv'), `${COLUMNS.join(',')}\r\n`);
    assert.equal(await exported(memoryStore(), 'jsonl'), '');
  });
});

describe('export flags', () => {
  for (const [problem, args, message] of [
    ['both --db and --postgres', ['--db', 'x.db', '--postgres', 'postgres://127.0.0.1/x'], /cannot be used together/],
    ['a --postgres that is not a postgres URL', ['--postgres', 'mysql://127.0.0.1/x'], /must be a postgres:\/\/ URL/],
    ['an unknown format', ['--format', 'xml'], /--format must be jsonl or csv, got 'xml'/],
    ['an unknown state', ['--state', 'gone'], /--state must be allowed, unsubscribed, all, got 'gone'/],
  ] as const) {
    it(`exits 2 with a clear message for ${problem}`, async () => {
      const { code, stderr } = await cli(['export', '--publisher', publisher.address, ...args]).exited;
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }

  it('exits 2 without --publisher, and 1 for a SQLite file that does not exist (rather than creating it)', async () => {
    assert.match((await cli(['export', '--db', 'x.db']).exited).stderr, /export needs --publisher/);
    const missing = join(dir.path, 'missing.db');
    const { code, stderr } = await cli(['export', '--db', missing, '--publisher', publisher.address]).exited;
    assert.equal(code, 1);
    assert.match(stderr, /missing\.db does not exist/);
  });
});

describe('export of a million rows', () => {
  const ROWS = 1_000_000;
  /** The peak RSS, over what the same command needs to print its help, that the export may add. */
  const MAX_GROWTH_BYTES = 64 * 1024 * 1024;
  const running = new Set<ChildProcess>();
  after(() => running.forEach((child) => child.kill('SIGKILL')));

  /** Enough characters of the output's start and end to hold its first and last lines. */
  const KEEP_CHARS = 4096;

  /**
   * V8's young generation, pinned to Node 20's size. From Node 22 on, V8 sizes it by the machine's
   * memory (semi-spaces of up to 64 MiB here, so up to 128 MiB of short-lived garbage before a
   * scavenge: measured on Node 24, new space 128 MiB and peak RSS 150 MiB over --help, with old space
   * smaller than on Node 20). That is heap policy, not memory the export holds; pinned, the bound
   * measures the export's own memory alike on every runtime (Node 20: about 40 MiB, Node 24: about
   * 50 MiB). The README says what the flag does for operators.
   */
  const YOUNG_GENERATION = '--max-semi-space-size=16';

  /** Runs the command with its peak RSS reported; counts its output's lines, keeping the first and last. */
  function measured(args: string[]) {
    const child = spawn(
      process.execPath,
      [YOUNG_GENERATION, '--import', 'tsx', '--import', './test/node/report-peak-rss.mjs', 'src/server/cli.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    let lines = 0;
    let head = '';
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      if (head.length < KEEP_CHARS) head += chunk.toString('utf8', 0, KEEP_CHARS);
      tail = (tail + chunk.toString('utf8', Math.max(0, chunk.length - KEEP_CHARS))).slice(-KEEP_CHARS);
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    type Measured = { code: number | null; lines: number; first: string; last: string; peakRss: number; stderr: string };
    return new Promise<Measured>((resolve) =>
      child.once('close', (code) => {
        running.delete(child);
        const peakRss = Number(stderr.match(/peak-rss-bytes (\d+)/)?.[1]);
        resolve({ code, lines, first: head.split('\n')[0]!, last: tail.split('\n').at(-2)!, peakRss, stderr });
      }),
    );
  }

  it('streams them in constant memory, every row once, in address order', { timeout: 120_000 }, async () => {
    const file = join(dir.path, 'million.db');
    await (await sqliteStore(file)).close();
    // Written straight into the table, in one transaction: signing a million proofs would take
    // half an hour. One real proof's bytes for all; addresses of decimal digits only, which are
    // their own checksummed form.
    const { signature, proof } = await signedProof(account(900), publisher.address, NOW);
    const subscriberAt = (i: number) => `0x${String(i).padStart(40, '0')}`;
    const db = new Database(file);
    const insert = db.prepare(
      `INSERT INTO consent (publisher, subscriber, state, consent_at, consent_signature, consent_proof, consent_signer_kind, consent_received_at)
       VALUES (?, ?, 'allowed', ?, ?, ?, 'eoa', ?)`,
    );
    db.transaction(() => {
      const proofBytes = Buffer.from(proof);
      for (let i = 0; i < ROWS; i++) insert.run(publisher.address, subscriberAt(i), NOW, signature, proofBytes, NOW + 1);
    })();
    db.close();

    const help = await measured(['--help']);
    const exported = await measured(['export', '--db', file, '--publisher', publisher.address]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.lines, ROWS);
    assert.equal(JSON.parse(exported.first).subscriber, subscriberAt(0));
    assert.deepEqual(base64ToBytes(JSON.parse(exported.first).consentProof), proof);
    assert.equal(JSON.parse(exported.last).subscriber, subscriberAt(ROWS - 1));
    const growth = exported.peakRss - help.peakRss;
    console.log(`export of ${ROWS} rows on Node ${process.version}: peak RSS ${mb(exported.peakRss)} (the command's --help: ${mb(help.peakRss)})`);
    assert.ok(growth < MAX_GROWTH_BYTES, `the export added ${mb(growth)} to the process's peak RSS`);
  });
});

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
