#!/usr/bin/env node
// xmtp-subscribe-server: serves the allowed-contacts endpoint at /consent (and GET /health) on an
// embedded SQLite file or a PostgreSQL database; with --rpc-url, smart-contract wallet proofs are
// verified on that chain. Its other commands (export, count, forget, backup) are in cli-commands.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createPublicClient, http, type PublicClient } from 'viem';
import { checksumAddress } from '../core/address.js';
import { backupCommand, countCommand, exportCommand, forgetCommand, type Command } from './cli-commands.js';
import { STORE_FLAGS, UsageError, asUsage, openStore, storeLocation, type StoreLocation } from './cli-store.js';
import { createConsentHandler } from './handler.js';
import { errorResponse, jsonResponse, type FetchHandler } from './http.js';
import { nodeListener, nodeServerOptions } from './node.js';
import { RECEIPTS_KEPT, type ConsentStore } from './store.js';

const USAGE = `Usage: xmtp-subscribe-server --publisher 0x… [--publisher 0x…] [options]
       xmtp-subscribe-server export --publisher 0x… [--db FILE | --postgres URL]
                             [--state allowed|unsubscribed|all] [--format jsonl|csv] [--out FILE]
       xmtp-subscribe-server count --publisher 0x… [--db FILE | --postgres URL]
       xmtp-subscribe-server forget --subscriber 0x… [--publisher 0x…] [--db FILE | --postgres URL]
       xmtp-subscribe-server backup --to FILE [--db FILE]

Verifies the consent proofs and withdrawals readers post to /consent and keeps each publisher's
allowed-contacts list.

Options:
  --publisher ADDRESS  a publisher (sending) address to keep a list for; repeatable, required
  --db FILE            the SQLite file (default ./xmtp-consent.db), created readable by its owner only
  --postgres URL       a PostgreSQL database instead, like postgres://user:password@host:5432/db;
                       several servers may share it
  --port N             the port to listen on (default 8787; 0 picks a free one)
  --host HOST          the address to bind (default 127.0.0.1)
  --origin URL         an origin whose pages may post here, like https://example.com;
                       repeatable (default: every origin, since proofs authenticate themselves)
  --max-future-ms N    how far ahead of this server's clock a proof may be (default 300000)
  --rate-limit N       requests per minute per client IP (default 120; 0 turns this limit off)
  --subscriber-rate-limit N
                       statements per minute naming one subscriber, from any IP (default 10; 0 = off)
  --quiet              no request log (by default one JSON line per request goes to stderr)
  --rpc-url URL        the http(s) JSON-RPC URL of the chain readers' smart-contract wallets are on;
                       ERC-1271 and ERC-6492 signatures then verify too, and while that chain cannot
                       be reached they are answered 503 (default: plain wallets only)
  -h, --help           print this help

Every command reads the store --db or --postgres names, as above.

export writes one publisher's list, one record a line: publisher, subscriber, state, then the newest
consent proof (consentedAt, signature, consentProof in base64, signerKind, receivedAt) and the newest
withdrawal (unsubscribedAt, unsubscribeSignature, unsubscribeSignerKind, unsubscribeReceivedAt),
empty where the reader made none:
  --publisher ADDRESS  the publisher whose list to write; required
  --state STATE        allowed (default: the readers it may message), unsubscribed, or all
  --format FORMAT      jsonl (default) or csv (RFC 4180, with a header line; a cell a spreadsheet
                       would run as a formula starts with ')
  --out FILE           the file to write, created readable by its owner only (default: standard output)

count prints how many readers of --publisher are allowed and how many unsubscribed.

forget deletes every record of --subscriber (an erasure request), on --publisher's list or, without
it, on every list, and prints how many it deleted. The reader's receipts go with them (each pair keeps
its ${RECEIPTS_KEPT} newest).

backup --to FILE copies the SQLite file to a new FILE (readable by its owner only), consistently even
while servers write to it. For PostgreSQL, use pg_dump.
`;

/** How long a shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 5000;

interface ServerOptions {
  publishers: string[];
  store: StoreLocation;
  port: number;
  host: string;
  origins: string[];
  maxFutureMs?: number;
  perMinute?: number;
  perSubscriberPerMinute?: number;
  quiet: boolean;
  client?: PublicClient;
}

function parseOptions(args: string[]): ServerOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      publisher: { type: 'string', multiple: true, default: [] },
      ...STORE_FLAGS,
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      'max-future-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'subscriber-rate-limit': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'rpc-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.publisher.length === 0) {
    throw new UsageError('--publisher is required: the address whose list this server keeps');
  }
  const port = wholeNumber(values.port, '--port');
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  return {
    publishers: values.publisher.map((publisher) => checksumAddress(publisher, '--publisher')),
    store: storeLocation(values),
    port,
    host: values.host,
    origins: values.origin,
    maxFutureMs: optionalWholeNumber(values['max-future-ms'], '--max-future-ms'),
    perMinute: optionalWholeNumber(values['rate-limit'], '--rate-limit'),
    perSubscriberPerMinute: optionalWholeNumber(values['subscriber-rate-limit'], '--subscriber-rate-limit'),
    quiet: values.quiet,
    client: values['rpc-url'] === undefined ? undefined : chainClient(values['rpc-url']),
  };
}

/** A viem public client on the chain at `url`, which smart-contract wallet signatures are checked on. */
function chainClient(url: string): PublicClient {
  const protocol = URL.canParse(url) ? new URL(url).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`--rpc-url must be an http or https URL of a JSON-RPC endpoint, got '${url}'`);
  }
  return createPublicClient({ transport: http(url) });
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got '${text}'`);
  return Number(text);
}

function optionalWholeNumber(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : wholeNumber(text, flag);
}

/** The endpoint at /consent, a health check, and JSON 404s elsewhere. */
function routes(consent: FetchHandler): FetchHandler {
  return async (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/consent') return consent(request, info);
    if (pathname !== '/health') {
      return errorResponse(404, 'not_found', `nothing is served at ${pathname}; the endpoint is /consent`);
    }
    if (request.method !== 'GET') {
      return errorResponse(405, 'method_not_allowed', '/health answers GET only', { allow: 'GET' });
    }
    return jsonResponse(200, { status: 'ok' });
  };
}

async function serve(options: ServerOptions): Promise<void> {
  const store = await openStore(options.store);
  try {
    const consent = asUsage(() =>
      createConsentHandler({
        publishers: options.publishers,
        store,
        allowedOrigins: options.origins,
        maxFutureMs: options.maxFutureMs,
        rateLimit: { perMinute: options.perMinute, perSubscriberPerMinute: options.perSubscriberPerMinute },
        client: options.client,
        ...(options.quiet ? { log: false as const } : {}),
      }),
    );
    const server = createServer(nodeServerOptions(), nodeListener(routes(consent)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
    const { address, family, port } = server.address() as AddressInfo;
    console.log(`xmtp-subscribe-server: serving http://${family === 'IPv6' ? `[${address}]` : address}:${port}/consent`);
    stopOnSignals(server, store);
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** SIGINT or SIGTERM: stop accepting, let requests in flight finish, close the store, exit 0. */
function stopOnSignals(server: Server, store: ConsentStore): void {
  const stop = () => {
    server.close(() => void store.close());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs `command` with the options parsed from `args`, or prints the usage for --help. */
async function run<Options>(args: string[], command: Command<Options>): Promise<void> {
  const options = asUsage(() => command.parse(args));
  if (options === 'help') process.stdout.write(USAGE);
  else await command.run(options);
}

/** The commands besides serving, by the name that comes first on the command line. */
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  export: (args) => run(args, exportCommand),
  count: (args) => run(args, countCommand),
  forget: (args) => run(args, forgetCommand),
  backup: (args) => run(args, backupCommand),
};

async function main(args: string[]): Promise<void> {
  try {
    const [name = '', ...rest] = args;
    if (Object.hasOwn(COMMANDS, name)) await COMMANDS[name]!(rest);
    else await run(args, { parse: parseOptions, run: serve });
  } catch (error) {
    const usage = error instanceof UsageError;
    console.error(`xmtp-subscribe-server: ${(error as Error).message}${usage ? '\nRun with --help for usage.' : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}

void main(process.argv.slice(2));
