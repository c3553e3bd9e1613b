// When a store cannot answer: the one error every store rejects with for an outage (a lock held too
// long, a database down, a timeout, a full disk), which the endpoint answers 503 `store_unavailable`
// with nothing stored; how each driver's errors are told apart from a bug (which stays a 500); and
// SQLite's lock waits, made without ever blocking the event loop.

/** The store could not answer now: nothing was read or written; asking again later may work. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * How long a SQLite operation waits for another connection's lock before the store gives up. The
 * connection's own `busy_timeout` is 0, so SQLite never sleeps in the server's thread: waiting is
 * done here, between tries, with timers.
 */
export const SQLITE_LOCK_WAIT_MS = 5000;
/** The pauses between tries start at the first and double up to the longest. */
export const FIRST_PAUSE_MS = 2;
export const LONGEST_PAUSE_MS = 50;

/** SQLite result codes (better-sqlite3's `code`, extended codes included) that mean "not now". */
const SQLITE_OUTAGE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|NOMEM)/;
/** SQLSTATE classes of PostgreSQL that mean "not now": connection, resources, cancelled (statement_timeout) or shut down, contention. */
const POSTGRES_OUTAGE = /^(08|53|57|40001|40P01)/;
/** Five characters with a digit: unlike a Node errno name such as EPIPE. */
const SQLSTATE = /^(?=.*\d)[0-9A-Z]{5}$/;

/**
 * Runs one synchronous SQLite operation, trying again while another connection holds the lock, with
 * growing pauses, for up to `SQLITE_LOCK_WAIT_MS`; then rejects with a `StoreUnavailableError`, as it
 * does at once for any other outage. Other errors pass on as they are.
 */
export async function whenSqliteAnswers<T>(operation: () => T): Promise<T> {
  const giveUpAt = performance.now() + SQLITE_LOCK_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(2 * pause, LONGEST_PAUSE_MS)) {
    try {
      return operation();
    } catch (error) {
      if (!isSqliteLocked(error) || performance.now() + pause > giveUpAt) throw sqliteFault(error);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Whether a SQLite operation failed because another connection holds the lock (worth trying again). */
export function isSqliteLocked(error: unknown): boolean {
  return /^SQLITE_BUSY/.test(codeOf(error));
}

/** `error` as a `StoreUnavailableError` when it is a SQLite outage (or a closed database), else itself. */
export function sqliteFault(error: unknown): unknown {
  const code = codeOf(error);
  if (/^SQLITE_BUSY/.test(code)) {
    return new StoreUnavailableError(
      `the SQLite database stayed locked by another connection for ${SQLITE_LOCK_WAIT_MS} ms`,
      { cause: error },
    );
  }
  const closed = error instanceof TypeError && /database connection is not open/.test(error.message);
  if (!SQLITE_OUTAGE.test(code) && !closed) return error;
  return new StoreUnavailableError(`the SQLite database cannot answer: ${(error as Error).message} (${code || 'closed'})`, {
    cause: error,
  });
}

/**
 * `error` as a `StoreUnavailableError` when PostgreSQL could not answer: an outage SQLSTATE (a
 * statement_timeout is 57014), or an error of the connection itself (no SQLSTATE: refused, reset,
 * timed out, pool closed). A SQL error or a bug in this code passes on as it is.
 */
export function postgresFault(error: unknown): unknown {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return error;
  const code = codeOf(error);
  if (SQLSTATE.test(code) && !POSTGRES_OUTAGE.test(code)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the PostgreSQL database cannot answer: ${message}${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}

/** Runs `work` on PostgreSQL, rejecting with `postgresFault`'s reading of any failure. */
export async function whenPostgresAnswers<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw postgresFault(error);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
