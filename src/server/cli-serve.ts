// Serving, the main command of xmtp-subscribe-server: its flags (each also an XMTP_SUBSCRIBE_*
// variable, cli-flags.ts), then /consent and /health on the store they name, on a Node server that
// answers what it cannot read and caps its connections, delivering webhook events with --webhook,
// until SIGINT or SIGTERM.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createPublicClient, http, type PublicClient } from 'viem';
import { checksumAddress } from '../core/address.js';
import type { Command } from './cli-commands.js';
import { readFlags } from './cli-flags.js';
import { STORE_FLAGS, UsageError, asUsage, openStore, storeLocation, type StoreLocation } from './cli-store.js';
import type { TrustProxy } from './client-ip.js';
import { createConsentHandler, type ConsentHandler } from './handler.js';
import { DEFAULT_CHAIN_TIMEOUT_MS, type ConsentHandlerOptions } from './handler-options.js';
import { healthCheck } from './health.js';
import { errorResponse, type FetchHandler, type ServerHandler } from './http.js';
import { parseIpRange } from './ip-address.js';
import { webhookSettings, type WebhookOptions } from './webhooks/options.js';
import { nodeServer } from './node.js';
import { oneLine, shownUrl, tellOperator } from './operator-log.js';
import type { ConsentStore } from './store.js';

const SERVE_FLAGS = {
  publisher: { type: 'string', multiple: true, default: [] as string[] },
  ...STORE_FLAGS,
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  origin: { type: 'string', multiple: true, default: [] as string[] },
  'max-future-ms': { type: 'string' },
  'rate-limit': { type: 'string' },
  'subscriber-rate-limit': { type: 'string' },
  'chain-rate-limit': { type: 'string' },
  'chain-ip-rate-limit': { type: 'string' },
  'chain-timeout-ms': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'max-connections': { type: 'string', default: '500' },
  quiet: { type: 'boolean', default: false },
  'verify-threads': { type: 'string' },
  'rpc-url': { type: 'string' },
  webhook: { type: 'string' },
  'webhook-secret': { type: 'string' },
  'webhook-timeout-ms': { type: 'string' },
  'webhook-max-queued': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;
type ServeFlag = keyof typeof SERVE_FLAGS;
/** Every flag that sets something can come from the environment; --help and --version act at once. */
const FROM_ENVIRONMENT = Object.keys(SERVE_FLAGS).filter((flag) => flag !== 'help' && flag !== 'version') as ServeFlag[];

/** How long a shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 5000;

interface ServeOptions {
  port: number;
  host: string;
  store: StoreLocation;
  maxConnections: number;
  /** What the consent handler is created with, but its store. */
  handler: Omit<ConsentHandlerOptions, 'store'>;
}

export const serveCommand: Command<ServeOptions> = { parse: parseServeFlags, run: serve };

function parseServeFlags(args: string[]): ServeOptions | 'help' | 'version' {
  const { values, source } = readFlags(withBareTrustProxy(args), SERVE_FLAGS, FROM_ENVIRONMENT);
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (values.publisher.length === 0) {
    throw new UsageError(`--publisher is required: the address whose list this server keeps`);
  }
  const number = (flag: ServeFlag) => {
    const text = values[flag] as string | undefined;
    return text === undefined ? undefined : wholeNumber(text, source(flag));
  };
  const port = number('port')!;
  if (port > 65535) throw new UsageError(`${source('port')} must be at most 65535, got ${port}`);
  const chainTimeoutMs = number('chain-timeout-ms');
  const rpcUrl = values['rpc-url'];
  return {
    port,
    host: values.host,
    store: storeLocation(values, source),
    maxConnections: number('max-connections')!,
    handler: {
      publishers: values.publisher.map((publisher) => checksumAddress(publisher, source('publisher'))),
      allowedOrigins: values.origin,
      maxFutureMs: number('max-future-ms'),
      rateLimit: {
        perMinute: number('rate-limit'),
        perSubscriberPerMinute: number('subscriber-rate-limit'),
        chainPerMinute: number('chain-rate-limit'),
        chainPerIpPerMinute: number('chain-ip-rate-limit'),
      },
      chainTimeoutMs,
      trustProxy: trustProxyOf(values['trust-proxy'], source('trust-proxy')),
      client: rpcUrl === undefined ? undefined : chainClient(rpcUrl, source('rpc-url'), chainTimeoutMs),
      webhook: webhookOf(values, source, number),
      // The CLI owns its process: one recovery thread per core unless told otherwise.
      verifyThreads: number('verify-threads') ?? availableParallelism(),
      ...(values.quiet ? { log: false as const } : {}),
    },
  };
}

/**
 * The webhook --webhook and --webhook-secret name, with the optional bounds; each needs the other.
 * Neither the URL (a receiver's token may be in it) nor the secret is ever printed.
 */
function webhookOf(
  values: { webhook?: string; 'webhook-secret'?: string },
  source: (flag: ServeFlag) => string,
  number: (flag: ServeFlag) => number | undefined,
): WebhookOptions | undefined {
  const { webhook: url, 'webhook-secret': secret } = values;
  if (url === undefined && secret === undefined) return undefined;
  if (url === undefined) throw new UsageError(`${source('webhook-secret')} needs --webhook: the URL to POST changes of state to`);
  if (secret === undefined) {
    throw new UsageError(
      `${source('webhook')} needs --webhook-secret (better: XMTP_SUBSCRIBE_WEBHOOK_SECRET, kept out of the process list), ` +
        'the key the receiver checks signatures with',
    );
  }
  const options = { url, secret, timeoutMs: number('webhook-timeout-ms'), maxQueued: number('webhook-max-queued') };
  return asUsage(() => webhookSettings(options));
}

/** `--trust-proxy` alone means one proxy in front; parseArgs wants a value, so it gets one. */
function withBareTrustProxy(args: string[]): string[] {
  return args.map((arg, i) => (arg === '--trust-proxy' && !/^[^-]/.test(args[i + 1] ?? '') ? '--trust-proxy=1' : arg));
}

/**
 * How many proxies are in front (0 or false: none; true: one), or a comma-separated list of their
 * addresses and CIDR ranges.
 */
function trustProxyOf(text: string | undefined, flag: string): TrustProxy {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !parseIpRange(entry));
  if (wrong === undefined) return entries;
  throw new UsageError(
    `${flag} takes how many proxies are in front, or their addresses and CIDR ranges separated by commas ` +
      `(like 10.0.0.0/8,fd00::/8), got '${wrong}'`,
  );
}

/**
 * A viem public client on the chain at `url`, which smart-contract wallet signatures are checked on:
 * never retried, and given up after the handler's chain timeout. The URL is never printed (its
 * path often holds an API key).
 */
function chainClient(url: string, flag: string, timeoutMs = DEFAULT_CHAIN_TIMEOUT_MS): PublicClient {
  const protocol = URL.canParse(url) ? new URL(url).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http or https URL of a JSON-RPC endpoint, got ${shownUrl(url)}`);
  }
  return createPublicClient({ transport: http(url, { retryCount: 0, timeout: timeoutMs }) });
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got '${text}'`);
  return Number(text);
}

/**
 * The endpoint at /consent, a health check, and JSON 404s elsewhere; what Node cannot read is
 * counted and logged by the endpoint.
 */
function routes(consent: ConsentHandler, store: ConsentStore): ServerHandler {
  const health = healthCheck(store);
  const route: FetchHandler = async (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/consent') return consent(request, info);
    if (pathname !== '/health') {
      return errorResponse(404, 'not_found', `nothing is served at ${pathname}; the endpoint is /consent`);
    }
    if (request.method !== 'GET') {
      return errorResponse(405, 'method_not_allowed', '/health answers GET only', { allow: 'GET' });
    }
    return health();
  };
  return Object.assign(route, { refuseUnreadable: consent.refuseUnreadable });
}

async function serve({ port, host, store: location, maxConnections, handler }: ServeOptions): Promise<void> {
  const store = await openStore(location);
  let consent: ConsentHandler | undefined;
  try {
    consent = asUsage(() => createConsentHandler({ ...handler, store }));
    // Started before the first request, and said once: which recovery this machine got.
    const recovery = await consent.recovery();
    if (handler.log !== false) tellOperator(`signature recovery: ${recoveryDescription(recovery)}`);
    const server = nodeServer(routes(consent, store), { maxConnections });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    // Once listening, a failure to accept a connection (say, out of file descriptors) is reported, not fatal.
    server.on('error', (error) => tellOperator(`the server could not accept a connection: ${oneLine(error)}`));
    const { address, family, port: bound } = server.address() as AddressInfo;
    console.log(`xmtp-subscribe-server: serving http://${family === 'IPv6' ? `[${address}]` : address}:${bound}/consent`);
    stopOnSignals(server, consent, store);
  } catch (error) {
    await consent?.close();
    await store.close();
    throw error;
  }
}

function recoveryDescription({ kind, threads }: Awaited<ReturnType<ConsentHandler['recovery']>>): string {
  const how = kind === 'native' ? 'native (secp256k1)' : 'pure JavaScript (@noble/curves; install secp256k1 for native)';
  return `${how}, ${threads === 0 ? 'in the main thread' : `in ${threads} worker thread${threads === 1 ? '' : 's'}`}`;
}

/** SIGINT or SIGTERM: stop accepting, let requests in flight finish, stop webhook deliveries, close the store, exit 0. */
function stopOnSignals(server: Server, consent: ConsentHandler, store: ConsentStore): void {
  const stop = () => {
    server.close(() => void consent.close().then(() => store.close()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
