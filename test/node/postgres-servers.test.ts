// Scale-out: two xmtp-subscribe-server processes on one PostgreSQL database (a real, throwaway
// cluster) take concurrent proofs for the same readers; each reader ends with one row holding
// its newest proof, and exactly one answer said it was newly allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresStore, type ConsentRecord } from '../../src/server/index.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres.mjs';
import { cli, killClis } from './cli-process.js';
import { account, publisher, signedProof } from './server-fixtures.js';

const READERS = 20;
const PROOFS_PER_READER = 3;

let postgres: ThrowawayPostgres;

before(async () => {
  postgres = await startPostgres();
});

after(async () => {
  killClis();
  await postgres.stop();
});

/** `items` in a random order (Fisher–Yates). */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('two servers on one PostgreSQL database', () => {
  it('end with one row per reader holding the newest proof, and answer created once per reader', async () => {
    // Both start at once on a new database, so they also race to create the schema.
    const servers = [0, 1].map(() =>
      cli(['--publisher', publisher.address, '--postgres', postgres.url, '--port', '0', '--rate-limit', '0']),
    );
    const endpoints = await Promise.all(servers.map((server) => server.endpoint()));

    // A whole second: the stored time is the signed second.
    const now = Date.now() - (Date.now() % 1000);
    const readers = Array.from({ length: READERS }, (_, i) => account(800 + i));
    const proofs = await Promise.all(
      readers.flatMap((reader) =>
        Array.from({ length: PROOFS_PER_READER }, async (_, age) => {
          const timestampMs = now - age * 60_000;
          return { reader: reader.address, timestampMs, ...(await signedProof(reader, publisher.address, timestampMs)) };
        }),
      ),
    );

    // Every proof goes to both servers at once, all of them in flight together.
    const posts = shuffled(proofs.flatMap((proof) => endpoints.map((endpoint) => ({ endpoint, proof }))));
    const answers = await Promise.all(
      posts.map(async ({ endpoint, proof }) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ publisher: publisher.address, subscriber: proof.reader, consentProof: proof.consentProof }),
        });
        return { reader: proof.reader, status: response.status, body: await response.json() };
      }),
    );

    for (const { status, body } of answers) {
      assert.equal(status, body.created ? 201 : 200, JSON.stringify(body));
    }
    for (const reader of readers) {
      const created = answers.filter((answer) => answer.reader === reader.address && answer.body.created);
      assert.equal(created.length, 1, `${reader.address} was answered created ${created.length} times`);
    }

    const store = await postgresStore(postgres.url);
    const rows: ConsentRecord[] = [];
    for await (const record of store.list(publisher.address)) rows.push(record);
    await store.close();
    assert.deepEqual(rows.map((row) => row.subscriber).sort(), readers.map((reader) => reader.address).sort());
    for (const row of rows) {
      const newest = proofs.find((proof) => proof.reader === row.subscriber && proof.timestampMs === now)!;
      assert.deepEqual([row.consent?.timestampMs, row.consent?.signature, row.consent?.proof], [now, newest.signature, newest.proof]);
    }

    for (const server of servers) server.child.kill('SIGTERM');
    assert.deepEqual((await Promise.all(servers.map((server) => server.exited))).map(({ code }) => code), [0, 0]);
  });

  it('refuses --db with --postgres', async () => {
    const both = ['--db', 'x.db', '--postgres', postgres.url];
    const { code, stderr } = await cli(['--publisher', publisher.address, ...both]).exited;
    assert.equal(code, 2);
    assert.match(stderr, /--db and --postgres cannot be used together/);
  });
});
