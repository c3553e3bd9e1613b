// The durable stores' drivers (better-sqlite3, pg) are optional dependencies, loaded on first use:
// importing `xmtp-subscribe/server` keeps working without them, and a missing one says how to install it.

/**
 * Resolves with what `load` imports; when the package `name` is not installed, rejects with an
 * error saying that `user` needs it. `load` is the import itself, so bundlers still see it.
 */
export async function importOptional<Module>(load: () => Promise<Module>, name: string, user: string): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const message = `${user} needs ${name}, an optional dependency that is not installed`;
    throw new Error(`${message}: run \`npm install ${name}\``, { cause: error });
  }
}
