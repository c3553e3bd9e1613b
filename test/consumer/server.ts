// xmtp-subscribe/server in a Node project: the handler, the stores and the Node adapter are typed
// without the optional database drivers (or their @types) being installed.
import { createServer } from 'node:http';
import { createConsentHandler, memoryStore, nodeListener, nodeServerOptions, postgresStore, sqliteStore, type ConsentStore } from 'xmtp-subscribe/server';

const store: ConsentStore = memoryStore();
const handler = createConsentHandler({ publishers: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'], store });
export const response: Promise<Response> = handler(new Request('http://127.0.0.1/consent', { method: 'POST' }));
export const server = createServer(nodeServerOptions(), nodeListener(handler));
export const stores: Promise<ConsentStore>[] = [sqliteStore('./consent.db'), postgresStore('postgres://127.0.0.1/consent')];
// @ts-expect-error publishers is a list of addresses
createConsentHandler({ publishers: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', store });
