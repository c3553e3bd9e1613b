// Runs the xmtp-subscribe-server command as a real process (its TypeScript source, through tsx),
// for the tests of its flags; every process started here can be killed at once when a file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from './server-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVING = /^xmtp-subscribe-server: serving (http:\/\/127\.0\.0\.1:\d+\/consent)$/;
const running = new Set<ChildProcess>();

/**
 * Starts the CLI, with `env` added to this process's environment; `exited` resolves with its exit
 * code and everything it printed.
 */
export function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
  /** The endpoint URL from the line the server prints once it listens. */
  const endpoint = () =>
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const url = stdout.split('\n')[0]!.match(SERVING)?.[1];
        if (url) resolve(url);
      });
      void exited.then(({ stderr }) => reject(new Error(`the server exited before serving: ${stderr}`)));
    });
  /** Everything printed on stderr so far. */
  const errors = () => stderr;
  return { child, exited, endpoint, errors };
}

/** Kills every CLI process still running. */
export function killClis(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * A scratch directory for the tests around the call (a file, or a suite) that start CLIs: made
 * before them, removed after them, once every CLI still running is killed.
 */
export function cliScratch(): { readonly path: string } {
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
  before(async () => {
    dir = await tempDir();
  });
  after(async () => {
    killClis();
    await dir?.remove();
  });
  return {
    get path() {
      return dir!.path;
    },
  };
}
