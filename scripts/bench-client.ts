// The benchmark's HTTP load generator (scripts/bench.ts): keep-alive `node:net` connections, each
// sending one pre-serialized HTTP/1.1 POST at a time and reading only the answer's status line and
// Content-Length. It exists because it shares the machine's CPUs with the server it measures: at
// concurrency 16 against the pure-JS CLI on the 2-CPU machine, node:http's client (keep-alive Agent)
// took 0.18–0.27 ms of CPU per request once warm, this one 0.06–0.16 (the server 3.0–3.9).
import { once } from 'node:events';
import { connect } from 'node:net';

/** One connection: `post` sends a whole request and resolves once its answer is read, rejecting unless it is 201. */
export interface BenchConnection {
  post(request: Buffer): Promise<void>;
  close(): void;
}

/** `body` as the bytes of a JSON POST to `url`, with its exact Content-Length. */
export function jsonPost(url: URL, body: string): Buffer {
  const bytes = Buffer.from(body);
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

/** A keep-alive connection to `url`'s host and port. */
export async function benchConnection(url: URL): Promise<BenchConnection> {
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  await once(socket, 'connect');
  socket.setNoDelay(true);
  let waiting: { resolve(): void; reject(error: Error): void } | undefined;
  let buffered: Buffer = Buffer.alloc(0);
  const settle = (error?: Error) => {
    const answered = waiting;
    waiting = undefined;
    if (error) answered?.reject(error);
    else answered?.resolve();
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    let answer: Answer | undefined;
    try {
      answer = readAnswer(buffered);
    } catch (error) {
      socket.destroy();
      return settle(error as Error);
    }
    if (!answer) return;
    buffered = buffered.subarray(answer.end);
    settle(answer.status === 201 ? undefined : new Error(`expected 201, got ${answer.status}`));
  });
  socket.on('error', settle);
  socket.on('close', () => settle(new Error('the server closed the connection before answering')));
  return {
    post: (request) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error('the connection is closed'));
        waiting = { resolve, reject };
        socket.write(request);
      }),
    close: () => socket.destroy(),
  };
}

interface Answer {
  status: number;
  /** Where the answer ends in the bytes read. */
  end: number;
}

/**
 * The first answer in `bytes` once it is all there, else `undefined`. The server's JSON answers
 * carry a Content-Length (src/server/node.ts); one without (chunked) is refused, not misread.
 */
function readAnswer(bytes: Buffer): Answer | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = bytes.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  if (length === undefined || /\r\ntransfer-encoding:/i.test(head)) {
    throw new Error(`the server answered ${status} without a Content-Length (chunked?): the bench client reads only answers with one`);
  }
  const end = headEnd + 4 + Number(length);
  return bytes.length >= end ? { status, end } : undefined;
}
