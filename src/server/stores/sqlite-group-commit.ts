// Group commit for the SQLite store: the writes asked for while the event loop is busy (say, a
// batch of requests whose signatures were verified together) are committed in one IMMEDIATE
// transaction, so they share one fsync (synchronous=FULL) instead of paying one each. Each write
// runs in a savepoint of its own: one that fails is rolled back alone and rejects alone. None
// resolves before the transaction has committed, so no answer says "stored" before it is on disk.
import type BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError, sqliteFault, whenSqliteAnswers } from './faults.js';

/** Runs `write` inside the next group's transaction; resolves with what it returns once that has committed. */
export type GroupWrite = <T>(write: () => T) => Promise<T>;

interface Queued {
  write: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function groupCommit(db: BetterSqlite3.Database): GroupWrite {
  let queued: Queued[] = [];
  let scheduled = false;
  // Called inside the group's transaction, better-sqlite3 makes this a savepoint.
  const inSavepoint = db.transaction((write: () => unknown) => write());
  const commitGroup = db.transaction((group: Queued[]): Outcome[] =>
    group.map(({ write }) => {
      try {
        return { ok: true, value: inSavepoint(write) };
      } catch (error) {
        // An outage (a full disk, an I/O error) fails the whole group, as does one that ended the transaction.
        const fault = sqliteFault(error);
        if (fault instanceof StoreUnavailableError || !db.inTransaction) throw error;
        return { ok: false, error: fault };
      }
    }),
  );

  const commit = async () => {
    const group = queued;
    queued = [];
    try {
      const outcomes = await whenSqliteAnswers(() => commitGroup.immediate(group));
      outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.value) : group[i]!.reject(outcome.error)));
    } catch (error) {
      for (const { reject } of group) reject(error);
    }
    // What was asked for meanwhile (while waiting for another connection's lock) is the next group.
    if (queued.length > 0) setImmediate(commit);
    else scheduled = false;
  };

  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      queued.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (scheduled) return;
      scheduled = true;
      // After the current turn's I/O callbacks: the writes they ask for join this group.
      setImmediate(commit);
    });
}
