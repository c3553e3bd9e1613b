// What every xmtp-subscribe-server command shares: usage errors (exit code 2), and the store the
// --db or --postgres flag names.
import { existsSync } from 'node:fs';
import { shownUrl } from './operator-log.js';
import type { ConsentStore } from './store.js';
import { postgresStore } from './stores/postgres.js';
import { sqliteStore } from './stores/sqlite.js';

/** A command line that cannot run: reported with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** Runs `build`, reporting a `TypeError` (an unknown flag, a value that is not an address) as a usage error. */
export function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw error instanceof TypeError ? new UsageError(error.message) : error;
  }
}

/** Where the lists are kept: a SQLite file or a PostgreSQL database. */
export type StoreLocation = { db: string } | { postgres: string };

/** The flags that choose the store, shared by every command. */
export const STORE_FLAGS = {
  db: { type: 'string' },
  postgres: { type: 'string' },
} as const;

export const DEFAULT_DB = './xmtp-consent.db';

/**
 * The store `db` or `postgres` names; `source` says where each came from (a flag or an environment
 * variable), for messages. A PostgreSQL URL is never repeated in one: it may hold a password.
 */
export function storeLocation(
  { db, postgres }: { db?: string; postgres?: string },
  source: (flag: 'db' | 'postgres') => string = (flag) => `--${flag}`,
): StoreLocation {
  if (db !== undefined && postgres !== undefined) {
    throw new UsageError(`${source('db')} and ${source('postgres')} cannot be used together: the list is kept in one store`);
  }
  if (postgres === undefined) return { db: db ?? DEFAULT_DB };
  const protocol = URL.canParse(postgres) ? new URL(postgres).protocol : undefined;
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new UsageError(`${source('postgres')} must be a postgres:// URL, got ${shownUrl(postgres)}`);
  }
  return { postgres };
}

/** Opens the store, creating a SQLite file that is not there yet (what serving wants). */
export function openStore(location: StoreLocation): Promise<ConsentStore> {
  return 'postgres' in location ? postgresStore(location.postgres) : sqliteStore(location.db);
}

/**
 * Throws unless the SQLite file `db` exists: opening one creates it, so a mistyped path would
 * silently read an empty list.
 */
export function assertExists(db: string): void {
  if (!existsSync(db)) throw new Error(`${db} does not exist: give the --db file the server uses`);
}

/** Runs `use` with a store that must already exist open, and closes it whatever happens. */
export async function withExistingStore<T>(location: StoreLocation, use: (store: ConsentStore) => Promise<T>): Promise<T> {
  if ('db' in location) assertExists(location.db);
  const store = await openStore(location);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
