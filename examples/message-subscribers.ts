// Sends one XMTP direct message to every reader on a publisher's list, from the list's export
// (`xmtp-subscribe-server export … > list.jsonl`), with the official XMTP Node SDK: checks that each
// address can be reached on XMTP, opens (or reuses) a DM, sends, and records who got it so a second
// run sends only to the rest. Compiled against @xmtp/node-sdk by test/node/examples.test.ts; the XMTP
// network cannot be reached from CI, so it is never run there.
//
//   XMTP_WALLET_KEY=0x…  XMTP_DB_ENCRYPTION_KEY=0x…(32 bytes)  XMTP_ENV=production \
//     node message-subscribers.ts list.jsonl "Issue 42 is out: https://news.example.com/42"
import { appendFileSync, createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Client, type Identifier, type NetworkOptions, type Signer, type StorageOptions, type XmtpEnv } from '@xmtp/node-sdk';
import { hexToBytes, isHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** One line of `xmtp-subscribe-server export` (JSONL); only the fields used here. */
interface ExportedRecord {
  publisher: string;
  subscriber: string;
  state: 'allowed' | 'unsubscribed';
}

/** `canMessage` asks the network about this many addresses at once. */
const BATCH = 50;
/** A pause between two sends, to stay a good citizen of the network. */
const PAUSE_MS = 250;

/** An Ethereum address as XMTP identifies it (`IdentifierKind.Ethereum` is 0; a const enum cannot be imported under isolatedModules). */
const ethereum = (address: string): Identifier => ({ identifier: address.toLowerCase(), identifierKind: 0 });

function requiredHex(name: string): `0x${string}` {
  const value = process.env[name];
  if (!value || !isHex(value)) throw new Error(`${name} must be set to a 0x-prefixed hex value`);
  return value;
}

/** The readers still on the list (the export's `allowed` records) for `publisher`. */
async function readList(path: string, publisher: string): Promise<string[]> {
  const subscribers: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as ExportedRecord;
    if (record.publisher.toLowerCase() !== publisher) throw new Error(`${path} holds the list of ${record.publisher}, not of this wallet (${publisher})`);
    if (record.state === 'allowed') subscribers.push(record.subscriber.toLowerCase());
  }
  return subscribers;
}

async function main([listPath, text]: string[]) {
  if (!listPath || !text) throw new Error('usage: message-subscribers.ts LIST.jsonl "MESSAGE"');
  // The publisher's sending wallet: the address readers consented to be messaged by.
  const account = privateKeyToAccount(requiredHex('XMTP_WALLET_KEY'));
  const publisher = account.address.toLowerCase();
  const signer: Signer = {
    type: 'EOA',
    getIdentifier: () => ethereum(publisher),
    signMessage: async (message) => hexToBytes(await account.signMessage({ message })),
  };
  // Declared apart: in @xmtp/node-sdk 6.0 the type of Client.create's options (an Omit over a union)
  // leaves out the network options, so an inline `{ env }` does not compile although it works.
  const options: NetworkOptions & StorageOptions = {
    env: (process.env.XMTP_ENV ?? 'production') as XmtpEnv,
    // The local database keeps this installation's keys: keep the file and its key, or every run
    // registers a new installation (XMTP allows a limited number per inbox).
    dbEncryptionKey: hexToBytes(requiredHex('XMTP_DB_ENCRYPTION_KEY')),
    dbPath: process.env.XMTP_DB_PATH ?? `./xmtp-${publisher}.db3`,
  };
  const client = await Client.create(signer, options);

  // Who already got this message (one address a line), so a run that stopped can be run again.
  const sentLog = `${listPath}.sent`;
  const alreadySent = new Set(existsSync(sentLog) ? readFileSync(sentLog, 'utf8').split('\n').filter(Boolean) : []);
  const subscribers = (await readList(listPath, publisher)).filter((address) => !alreadySent.has(address));

  const counts = { sent: 0, unreachable: 0, failed: 0 };
  for (let start = 0; start < subscribers.length; start += BATCH) {
    const batch = subscribers.slice(start, start + BATCH);
    // An address without an XMTP inbox cannot receive anything yet: count it, try again next time.
    const reachable = await client.canMessage(batch.map(ethereum));
    for (const address of batch) {
      if (!reachable.get(address)) {
        counts.unreachable++;
        continue;
      }
      try {
        const dm = await client.conversations.createDmWithIdentifier(ethereum(address));
        await dm.sendText(text);
        appendFileSync(sentLog, `${address}\n`);
        counts.sent++;
      } catch (error) {
        counts.failed++;
        console.error(`${address}: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
  console.log(`sent ${counts.sent}, not on XMTP yet ${counts.unreachable}, failed ${counts.failed}, sent before ${alreadySent.size}`);
}

await main(process.argv.slice(2));
