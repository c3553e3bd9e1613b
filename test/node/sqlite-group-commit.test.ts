// SQLite group commit: writes asked for together share one transaction (another connection sees
// none of them until it commits, and every one once any has resolved), a write that throws is rolled
// back and rejected alone, and writes keep the order they were asked in.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { groupCommit } from '../../src/server/stores/sqlite-group-commit.js';

describe('groupCommit', () => {
  let dir: string;
  let db: Database.Database;
  let reader: Database.Database;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xmtp-subscribe-group-'));
    db = new Database(join(dir, 'group.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE item (name TEXT PRIMARY KEY)');
    reader = new Database(join(dir, 'group.db'), { readonly: true });
  });
  after(async () => {
    reader.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const insert = (name: string) => () => db.prepare('INSERT INTO item (name) VALUES (?)').run(name).changes;
  const visible = () => reader.prepare('SELECT name FROM item ORDER BY rowid').pluck().all();

  it('commits writes asked for together in one transaction, and resolves none before it commits', async () => {
    const write = groupCommit(db);
    const seenByOthers: unknown[][] = [];
    const writes = ['a', 'b', 'c'].map((name) =>
      write(() => {
        const changes = insert(name)();
        seenByOthers.push(visible());
        return changes;
      }),
    );
    const seenAtFirstAnswer = writes[0]!.then(visible);
    assert.deepEqual(await Promise.all(writes), [1, 1, 1]);
    assert.deepEqual(seenByOthers, [[], [], []], 'inside the group, nothing is committed yet');
    assert.deepEqual(await seenAtFirstAnswer, ['a', 'b', 'c'], 'the first answer comes after the whole group committed');
  });

  it('rolls back and rejects a write that throws, alone, and keeps the order of the others', async () => {
    const write = groupCommit(db);
    const failing = write(() => {
      insert('d')();
      insert('a')(); // already there: a constraint error, after 'd' was written
    });
    const others = [write(insert('e')), write(() => db.prepare('DELETE FROM item WHERE name = ?').run('e').changes)];
    await assert.rejects(failing, { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    assert.deepEqual(await Promise.all(others), [1, 1]);
    assert.deepEqual(visible(), ['a', 'b', 'c'], "the failed write's 'd' was rolled back; 'e' was written, then deleted");
  });

  it('takes writes asked for while a group commits into the next group', async () => {
    const write = groupCommit(db);
    const first = write(insert('f')).then(() => write(insert('g')));
    assert.equal(await first, 1);
    assert.deepEqual(visible().slice(-2), ['f', 'g']);
  });
});
