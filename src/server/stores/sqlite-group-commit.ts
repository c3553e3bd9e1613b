// Group commit for the SQLite store: the writes asked for while the event loop is busy (say, a
// batch of requests whose signatures were verified together) are committed in one IMMEDIATE
// transaction, so they share one fsync (synchronous=FULL) instead of paying one each. Each write
// runs in a savepoint of its own: one that fails is rolled back alone and rejects alone. None
// resolves before the transaction has committed, so no answer says "stored" before it is on disk.
// While another connection holds the lock, the group waits between tries (never inside SQLite),
// writes asked for meanwhile join it, and each write gives up after its own SQLITE_LOCK_WAIT_MS.
import type BetterSqlite3 from 'better-sqlite3';
import {
  FIRST_PAUSE_MS,
  LONGEST_PAUSE_MS,
  SQLITE_LOCK_WAIT_MS,
  StoreUnavailableError,
  isSqliteLocked,
  sqliteFault,
} from './faults.js';

/** Runs `write` inside the next group's transaction; resolves with what it returns once that has committed. */
export type GroupWrite = <T>(write: () => T) => Promise<T>;

interface Queued {
  write: () => unknown;
  /** When this write stops waiting for another connection's lock (performance.now()). */
  giveUpAt: number;
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
    let group: Queued[] = [];
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(2 * pause, LONGEST_PAUSE_MS)) {
      group = group.concat(queued);
      queued = [];
      if (group.length === 0) break;
      try {
        const outcomes = commitGroup.immediate(group);
        outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.value) : group[i]!.reject(outcome.error)));
        break;
      } catch (error) {
        const fault = sqliteFault(error);
        if (!isSqliteLocked(error)) {
          for (const { reject } of group) reject(fault);
          break;
        }
        const retryAt = performance.now() + pause;
        for (const { giveUpAt, reject } of group) if (retryAt > giveUpAt) reject(fault);
        group = group.filter(({ giveUpAt }) => retryAt <= giveUpAt);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    scheduled = queued.length > 0;
    if (scheduled) setImmediate(commit);
  };

  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      const giveUpAt = performance.now() + SQLITE_LOCK_WAIT_MS;
      queued.push({ write, giveUpAt, resolve: resolve as (value: unknown) => void, reject });
      if (scheduled) return;
      scheduled = true;
      // After the current turn's I/O callbacks: the writes they ask for join this group.
      setImmediate(commit);
    });
}
