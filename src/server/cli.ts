#!/usr/bin/env node
// xmtp-subscribe-server: serves the allowed-contacts endpoint at /consent (and GET /health) on an
// embedded SQLite file or a PostgreSQL database (cli-serve.ts); with --rpc-url, smart-contract
// wallet proofs are verified on that chain. Its other commands (export, count, forget, backup) are
// in cli-commands.ts. Nothing it prints holds a password or an RPC URL's path.
import { VERSION } from '../internal/version.js';
import { backupCommand, countCommand, exportCommand, forgetCommand, type Command } from './cli-commands.js';
import { UsageError, asUsage } from './cli-store.js';
import { serveCommand } from './cli-serve.js';
import { scrubbed } from './operator-log.js';
import { RECEIPTS_KEPT } from './store.js';

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
  --trust-proxy [N|ADDRESS,…]
                       the client IP comes from X-Forwarded-For: behind N proxies (alone: 1), or
                       behind the proxies at these addresses and CIDR ranges, like 10.0.0.0/8,::1
                       (default: none, the connection's address is the client's)
  --max-connections N  connections open at once; more are closed at once (default 500; 0 = no cap)
  --max-future-ms N    how far ahead of this server's clock a proof may be (default 300000)
  --rate-limit N       requests per minute per client IP (default 120; 0 turns this limit off)
  --subscriber-rate-limit N
                       posts per minute of one subscriber's signed statement that verify, from
                       any IP (default 10; 0 = off); requests that fail verification never count
                       here, and replays of an old statement never delay the reader's newer one
  --quiet              no request log (by default one JSON line per request goes to stderr)
  --verify-threads N   worker threads that recover signatures (default: one per core; 0 = none,
                       recovery in the main thread); secp256k1, when installed, recovers natively
  --rpc-url URL        the http(s) JSON-RPC URL of the chain readers' smart-contract wallets are on;
                       ERC-1271 and ERC-6492 signatures then verify too, and while that chain cannot
                       be reached they are answered 503 (default: plain wallets only)
  --chain-timeout-ms N how long one chain call may take (default 3000; never retried)
  --chain-rate-limit N chain calls per minute from this server (default 120; 0 = off)
  --chain-ip-rate-limit N
                       chain calls per minute per client IP (default 10; 0 = off)
  --webhook URL        POST each change of state (subscribed, unsubscribed) there as JSON, signed
                       with --webhook-secret (X-Xmtp-Subscribe-Signature: sha256=HMAC of the body),
                       at least once, from a queue in the store, retried with backoff
  --webhook-secret S   the HMAC key, at least 16 characters; better set as
                       XMTP_SUBSCRIBE_WEBHOOK_SECRET, which the process list does not show
  --webhook-timeout-ms N
                       how long one delivery may take (default 10000)
  --webhook-max-queued N
                       events the queue holds at most (default 10000); a change beyond is stored
                       and answered, and its event not queued (the log says so)
  --version            print the version
  -h, --help           print this help

Every option above can also be set in the environment, as XMTP_SUBSCRIBE_ and its name in capitals
with _ for - (XMTP_SUBSCRIBE_RATE_LIMIT=60); a repeatable one takes a comma-separated list
(XMTP_SUBSCRIBE_PUBLISHER=0x…,0x…), --quiet takes 1 or 0. A flag on the command line wins.

Every command reads the store --db or --postgres names, as above (XMTP_SUBSCRIBE_DB and
XMTP_SUBSCRIBE_POSTGRES too); a command's other flags are read from the command line only.

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

/** Runs `command` with the options parsed from `args`, or prints the usage for --help, the version for --version. */
async function run<Options>(args: string[], command: Command<Options>): Promise<void> {
  const options = asUsage(() => command.parse(args));
  if (options === 'help') process.stdout.write(USAGE);
  else if (options === 'version') process.stdout.write(`xmtp-subscribe-server ${VERSION}\n`);
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
    else await run(args, serveCommand);
  } catch (error) {
    const usage = error instanceof UsageError;
    // Scrubbed: a driver's message may quote a URL with its password.
    const message = scrubbed((error as Error).message);
    console.error(`xmtp-subscribe-server: ${message}${usage ? '\nRun with --help for usage.' : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}

void main(process.argv.slice(2));
