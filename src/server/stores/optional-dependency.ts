// The durable stores' drivers (better-sqlite3, pg) are optional peer dependencies, loaded on first
// use: importing `xmtp-subscribe/server` keeps working without them, and a driver that is missing,
// or (better-sqlite3) installed without its native part, says in one sentence what to do.

/**
 * Throws, for a failed `import(name)`, an error saying that `user` needs the package `name` when it
 * is not installed; any other error as it is. Chained on the import itself, as in
 * `import('pg').catch((error) => notInstalled(error, 'pg', user))`: bundlers (esbuild) leave an
 * import of a package that is absent for run time only in that form (or directly in a try block),
 * and refuse to bundle one wrapped in a helper's callback.
 */
export function notInstalled(error: unknown, name: string, user: string): never {
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  const message = `${user} needs ${name}, an optional peer dependency that is not installed`;
  throw new Error(`${message}: run \`npm install ${name}\``, { cause: error });
}

/** What to run when better-sqlite3's native part is missing or was built for another Node. */
const REBUILD_SQLITE =
  'run `npm rebuild better-sqlite3` (pnpm: `pnpm approve-builds`); on Node 22+ better-sqlite3 13 ships prebuilt binaries';

/**
 * `error` (from loading better-sqlite3's native binding) as one sentence saying what to do, when it
 * is the binding that is missing (an install whose build script was blocked, as pnpm does by
 * default: "Could not locate the bindings file") or built for another Node (NODE_MODULE_VERSION);
 * any other error as it is.
 */
export function unbuiltSqliteDriver(error: unknown, user: string): unknown {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  const needs = `${user} needs better-sqlite3, an optional peer dependency`;
  if (/NODE_MODULE_VERSION/.test(message) || code === 'ERR_DLOPEN_FAILED') {
    return new Error(`${needs} whose native part was built for another Node than this one (${process.version}): ${REBUILD_SQLITE}`, {
      cause: error,
    });
  }
  if (/Could not locate the bindings file/.test(message) || (code === 'MODULE_NOT_FOUND' && /\.node\b/.test(message))) {
    return new Error(`${needs} that is installed but was never built (its install script did not run): ${REBUILD_SQLITE}`, {
      cause: error,
    });
  }
  return error;
}
