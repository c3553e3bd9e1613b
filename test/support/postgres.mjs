// A real, throwaway PostgreSQL for the tests: Debian's binaries, a new cluster in a temp dir
// (initdb), served by pg_ctl on 127.0.0.1 and a free port, one database, all removed by stop().
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './chain.mjs';

const DEBIAN_VERSIONS = '/usr/lib/postgresql';
const DATABASE = 'xmtp_subscribe_test';
/** PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres` user. */
const AS_ROOT = process.getuid?.() === 0;
const CLUSTER_USER = AS_ROOT ? 'postgres' : userInfo().username;

/** The bin directory of the newest PostgreSQL Debian installed. */
function postgresBin() {
  const versions = existsSync(DEBIAN_VERSIONS) ? readdirSync(DEBIAN_VERSIONS) : [];
  const bin = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_VERSIONS, version, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) throw new Error(`no PostgreSQL under ${DEBIAN_VERSIONS}: run \`apt-get install -y postgresql\``);
  return bin;
}

const run = promisify(execFile);

/** The command and arguments that run `program` as the cluster's user. */
function asClusterUser(program, args) {
  return AS_ROOT ? ['runuser', ['-u', CLUSTER_USER, '--', program, ...args]] : [program, args];
}

/** Runs a PostgreSQL program as the cluster's user, failing with its output. */
async function runAsClusterUser(program, args) {
  try {
    await run(...asClusterUser(program, args));
  } catch (error) {
    const output = error.stderr || error.stdout || error.message;
    throw new Error(`${program} ${args.join(' ')} failed:\n${output}`, { cause: error });
  }
}

/** A temp dir the cluster's user owns (PostgreSQL wants its data directory to itself). */
function clusterDir() {
  const dir = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-pg-'));
  if (AS_ROOT) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, CLUSTER_USER], { encoding: 'utf8' })));
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Creates and starts a cluster with one database; resolves with that database's URL and `stop()`,
 * which stops the server and deletes everything. Should this process end first, the cluster goes too.
 */
export async function startPostgres() {
  const bin = postgresBin();
  const dir = clusterDir();
  const data = join(dir, 'data');
  const port = await freePort();
  // A crash of the test process must not leave a server running: stop it at once, synchronously.
  const stopOnExit = () => {
    try {
      const stop = asClusterUser(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
      execFileSync(...stop, { stdio: 'ignore' });
    } catch {
      // never started, or already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);

  try {
    // Trust on loopback only, no fsync of the initial files: a cluster that lives for one test run.
    const initdb = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
    await runAsClusterUser(join(bin, 'initdb'), initdb);
    const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`;
    await runAsClusterUser(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-o', settings]);
    await runAsClusterUser(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', DATABASE]);
  } catch (error) {
    process.off('exit', stopOnExit);
    stopOnExit();
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      process.off('exit', stopOnExit);
      try {
        await runAsClusterUser(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
