// Crash safety (DESIGN.md: a 2xx is sent only once the record is durably committed): the CLI is
// SIGKILLed while a load generator on 127.0.0.1 posts valid proofs over several connections, then
// restarted on the same SQLite file; every proof that was answered 2xx must be on the list, with
// the receipt it was answered with, and the file must pass SQLite's integrity_check. The kill comes
// at a few different moments.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { cli, cliScratch } from './cli-process.js';
import { account, consentBody, publisher } from './server-fixtures.js';

/** Each round's kill comes once this many of its proofs have been acknowledged. */
const KILL_AFTER_ACKNOWLEDGED = [20, 90, 170];
const PROOFS_PER_ROUND = 240;
const CONNECTIONS = 8;

const dir = cliScratch();

/** A proof ready to post: signing costs about a millisecond, so all are signed before the load starts. */
type Posting = { subscriber: string; body: string };

async function signProofs(round: number): Promise<Posting[]> {
  const readers = Array.from({ length: PROOFS_PER_ROUND }, (_, i) => account(100_000 + round * 1000 + i));
  return Promise.all(
    readers.map(async (reader) => ({
      subscriber: reader.address,
      body: JSON.stringify(await consentBody(reader, { timestampMs: Date.now() })),
    })),
  );
}

/** Starts the CLI on `db`; `endpoint` resolves once it serves (asked once: the line is printed once). */
function startServer(db: string) {
  const server = cli(['--publisher', publisher.address, '--db', db, '--port', '0', '--rate-limit', '0']);
  return { ...server, endpoint: server.endpoint() };
}

/**
 * Posts `postings` over `CONNECTIONS` concurrent connections until `onAcknowledged` has killed the
 * server; answers the subscribers acknowledged with a 2xx. A request the kill cut off has no
 * answer: it may or may not have been stored, and the test does not count it either way.
 */
async function postUntilKilled(endpoint: string, postings: Posting[], onAcknowledged: (count: number) => void) {
  const queue = [...postings];
  const acknowledged: Acknowledged[] = [];
  const refused: number[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      let response: Response;
      let answer: { receipt?: string };
      try {
        const headers = { 'content-type': 'application/json' };
        response = await fetch(endpoint, { method: 'POST', headers, body: next.body });
        answer = await response.json();
      } catch {
        return; // the server is gone
      }
      if (!response.ok) refused.push(response.status);
      else {
        acknowledged.push({ subscriber: next.subscriber, receipt: answer.receipt! });
        onAcknowledged(acknowledged.length);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  assert.deepEqual(refused, [], 'valid proofs are only ever acknowledged or cut off');
  return { acknowledged, unsent: queue.length };
}

/** A proof the server answered 2xx: whose, and the receipt that answer handed out. */
type Acknowledged = { subscriber: string; receipt: string };

/** Which of the `acknowledged` readers the running server at `endpoint` says are allowed, asked with their receipts. */
async function foundOnList(endpoint: string, acknowledged: Acknowledged[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const { subscriber, receipt } of acknowledged) {
    const response = await fetch(`${endpoint}?${new URLSearchParams({ publisher: publisher.address, subscriber, receipt })}`);
    const { status } = await response.json();
    if (status === 'allowed') found.add(subscriber);
    else assert.equal(status, 'unknown');
  }
  return found;
}

function inspectFile(db: string): { integrity: string; rows: number } {
  const database = new Database(db);
  try {
    const integrity = database.pragma('integrity_check', { simple: true }) as string;
    const { rows } = database.prepare('SELECT count(*) AS rows FROM consent').get() as { rows: number };
    return { integrity, rows };
  } finally {
    database.close();
  }
}

it('loses no acknowledged proof when the server is SIGKILLed under load', { timeout: 120_000 }, async () => {
  const db = join(dir.path, 'crash.db');
  const rounds = await Promise.all(KILL_AFTER_ACKNOWLEDGED.map((_, round) => signProofs(round)));
  const acknowledged: Acknowledged[] = [];
  let server = startServer(db);

  for (const [round, killAfter] of KILL_AFTER_ACKNOWLEDGED.entries()) {
    const endpoint = await server.endpoint;
    const killed = server;
    const load = await postUntilKilled(endpoint, rounds[round]!, (count) => {
      if (count === killAfter) killed.child.kill('SIGKILL');
    });
    assert.equal((await killed.exited).code, null, 'killed, not exited');
    assert.ok(load.unsent > 0, 'the kill came in the middle of the load');
    acknowledged.push(...load.acknowledged);

    // Restarted on the same file: everything acknowledged so far, in this round or before, is listed.
    server = startServer(db);
    const found = await foundOnList(await server.endpoint, acknowledged);
    const { integrity, rows } = inspectFile(db);
    const lost = acknowledged.filter(({ subscriber }) => !found.has(subscriber));
    console.log(
      `crash round ${round + 1}: SIGKILL after ${load.acknowledged.length} acknowledged (${load.unsent} never sent); ` +
        `after restart: acknowledged ${acknowledged.length}, found ${found.size}, lost ${lost.length}, ` +
        `rows ${rows} (${rows - found.size} stored without an answer), integrity_check ${integrity}`,
    );
    assert.deepEqual(lost, []);
    assert.equal(integrity, 'ok');
  }

  server.child.kill('SIGTERM');
  assert.equal((await server.exited).code, 0);
  assert.equal(inspectFile(db).integrity, 'ok');
});
