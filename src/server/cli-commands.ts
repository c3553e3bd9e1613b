// The operator's commands of xmtp-subscribe-server beside serving: export a list, count it, erase a
// reader (forget), and back the SQLite file up while servers run. Each parses its own flags.
import { createWriteStream } from 'node:fs';
import { checksumAddress } from '../core/address.js';
import { readFlags, type FlagOptions } from './cli-flags.js';
import { STORE_FLAGS, UsageError, assertExists, storeLocation, withExistingStore, type StoreLocation } from './cli-store.js';
import { EXPORT_FORMATS, exportList, type ExportFormat } from './export.js';
import { LIST_STATES, type ConsentState, type ListState } from './store.js';
import { backupConsentDatabase } from './stores/sqlite-database.js';

/** A command: its flags read from `args` (or 'help', or 'version'), then what it does with them. */
export interface Command<Options> {
  parse(args: string[]): Options | 'help' | 'version';
  run(options: Options): Promise<void>;
}

/**
 * A command's own flags and the ones every command takes, read from `args`; the store's also from the
 * environment (cli-flags.ts), but never a command's own: an export or an erasure says on the command
 * line what it acts on, and a server's XMTP_SUBSCRIBE_PUBLISHER must not narrow `forget` unseen.
 */
function flags<const Options extends FlagOptions>(args: string[], options: Options) {
  const all = { ...STORE_FLAGS, ...options, help: { type: 'boolean', short: 'h', default: false } } as const;
  return readFlags(args, all, ['db', 'postgres']);
}

/** `value` checksummed, or a usage error saying the command needs `flag` for `why`. */
function requiredAddress(value: string | undefined, command: string, flag: string, why: string): string {
  if (value === undefined) throw new UsageError(`${command} needs ${flag}: ${why}`);
  return checksumAddress(value, flag);
}

interface ExportOptions {
  publisher: string;
  store: StoreLocation;
  state: ListState;
  format: ExportFormat;
  out?: string;
}

export const exportCommand: Command<ExportOptions> = {
  parse(args) {
    const { values, source } = flags(args, {
      publisher: { type: 'string' },
      state: { type: 'string', default: 'allowed' },
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' },
    });
    if (values.help) return 'help';
    const publisher = requiredAddress(values.publisher, 'export', source('publisher'), 'the address whose list to write');
    const format = EXPORT_FORMATS.find((known) => known === values.format);
    if (!format) throw new UsageError(`${source('format')} must be ${EXPORT_FORMATS.join(' or ')}, got '${values.format}'`);
    const state = LIST_STATES.find((known) => known === values.state);
    if (!state) throw new UsageError(`${source('state')} must be ${LIST_STATES.join(', ')}, got '${values.state}'`);
    return { publisher, store: storeLocation(values, source), state, format, out: values.out };
  },
  run({ publisher, store, state, format, out }) {
    return withExistingStore(store, (opened) => {
      // A new file is readable by its owner only: a list is personal data.
      const output = out === undefined ? process.stdout : createWriteStream(out, { mode: 0o600 });
      return exportList(opened, publisher, format, output, state);
    });
  },
};

interface CountOptions {
  publisher: string;
  store: StoreLocation;
}

export const countCommand: Command<CountOptions> = {
  parse(args) {
    const { values, source } = flags(args, { publisher: { type: 'string' } });
    if (values.help) return 'help';
    const publisher = requiredAddress(values.publisher, 'count', source('publisher'), 'the address whose list to count');
    return { publisher, store: storeLocation(values, source) };
  },
  run({ publisher, store }) {
    return withExistingStore(store, async (opened) => {
      const counts: Record<ConsentState, number> = { allowed: 0, unsubscribed: 0 };
      for await (const record of opened.list(publisher, { state: 'all' })) counts[record.state]++;
      process.stdout.write(`allowed ${counts.allowed}\nunsubscribed ${counts.unsubscribed}\n`);
    });
  },
};

interface ForgetOptions {
  subscriber: string;
  publisher?: string;
  store: StoreLocation;
}

export const forgetCommand: Command<ForgetOptions> = {
  parse(args) {
    const { values, source } = flags(args, { subscriber: { type: 'string' }, publisher: { type: 'string' } });
    if (values.help) return 'help';
    const why = 'the reader whose records to delete';
    const subscriber = requiredAddress(values.subscriber, 'forget', source('subscriber'), why);
    const publisher = values.publisher === undefined ? undefined : checksumAddress(values.publisher, source('publisher'));
    return { subscriber, publisher, store: storeLocation(values, source) };
  },
  run({ subscriber, publisher, store }) {
    return withExistingStore(store, async (opened) => {
      const deleted = await opened.forget(subscriber, publisher);
      const where = publisher === undefined ? 'every list' : `${publisher}'s list`;
      process.stdout.write(`deleted ${deleted} record${deleted === 1 ? '' : 's'} of ${subscriber} from ${where}\n`);
    });
  },
};

interface BackupOptions {
  db: string;
  to: string;
}

export const backupCommand: Command<BackupOptions> = {
  parse(args) {
    const { values, source } = flags(args, { to: { type: 'string' } });
    if (values.help) return 'help';
    if (values.to === undefined) throw new UsageError('backup needs --to: the new file to copy the database to');
    const location = storeLocation(values, source);
    if ('postgres' in location) {
      throw new UsageError(
        'backup copies a SQLite file; for PostgreSQL use pg_dump, which takes a consistent snapshot while ' +
          'servers keep writing: pg_dump --format=custom --file FILE URL (pg_restore puts it back)',
      );
    }
    return { db: location.db, to: values.to };
  },
  async run({ db, to }) {
    assertExists(db);
    await backupConsentDatabase(db, to);
    process.stdout.write(`backed up ${db} to ${to}\n`);
  },
};
