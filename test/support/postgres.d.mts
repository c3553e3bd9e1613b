// Types of postgres.mjs, for the TypeScript tests that need a real PostgreSQL.

export interface ThrowawayPostgres {
  /** The database's URL, like postgres://postgres@127.0.0.1:PORT/xmtp_subscribe_test. */
  url: string;
  /** Stops the server and deletes the cluster. */
  stop(): Promise<void>;
}

export declare function startPostgres(): Promise<ThrowawayPostgres>;
