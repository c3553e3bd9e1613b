// A Cloudflare-style module worker serving the consent endpoint, bundled and run in workerd by
// test/node/worker-runtime.test.ts. It imports the whole public entry point, as a user's worker
// does, and keeps its consents in memory (one isolate, so they last for the test's requests).
import { createConsentHandler, memoryStore } from '../../src/server/index.js';

/** The publisher the worker serves: account(1) of test/node/server-fixtures.ts. */
const PUBLISHER = '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf';

const handler = createConsentHandler({ publishers: [PUBLISHER], store: memoryStore(), log: false });

export default {
  fetch: (request: Request) => handler(request, { clientIp: request.headers.get('cf-connecting-ip') ?? '127.0.0.1' }),
};
