// npm start: the demo page, the CDN build and the allowed-contacts endpoint on one local server.
import { mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsentHandler, nodeServer, sqliteStore } from '../dist/server/index.js';

/** The demo publisher's sending address: a well-known test account, never a real sender. */
const PUBLISHER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const HOST = '127.0.0.1';
/** PORT=0 picks a free port; DEMO_DATA moves the SQLite file (the demo's own test uses both). */
const PORT = Number(process.env.PORT ?? 8787);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = process.env.DEMO_DATA ?? join(ROOT, '.data');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
/** Only these folders are served; everything else in the checkout stays private. */
const PUBLIC = ['demo', 'dist'];

/** The file of the checkout `pathname` names, when it is in a public folder and of a served type; else 404. */
function fileResponse(pathname) {
  const relative = normalize(pathname === '/' ? 'demo/index.html' : pathname.slice(1));
  const type = TYPES[extname(relative)];
  const notFound = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  if (!type || !PUBLIC.some((folder) => relative.startsWith(folder + sep)) || relative.includes('..')) return notFound();
  try {
    const body = readFileSync(join(ROOT, relative));
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    return new Response(type.startsWith('text/html') ? withIntegrity(body.toString()) : body, { status: 200, headers });
  } catch {
    return notFound();
  }
}

/** Pages name CDN files' Subresource Integrity hashes as `{{integrity:FILE}}`; the build made them. */
function withIntegrity(html) {
  const hashes = JSON.parse(readFileSync(join(ROOT, 'dist/cdn/integrity.json'), 'utf8'));
  return html.replace(/\{\{integrity:([^}]+)\}\}/g, (_, file) => hashes[file] ?? '');
}

mkdirSync(DATA, { recursive: true });
const store = await sqliteStore(join(DATA, 'demo.db'));
const consent = createConsentHandler({ publishers: [PUBLISHER], store });

/**
 * The endpoint at /consent, the page and the build elsewhere, on `nodeServer`: what Node's parser
 * refuses is answered in JSON and logged by the endpoint too.
 */
async function route(request, info) {
  const { pathname } = new URL(request.url);
  if (pathname === '/consent') return consent(request, info);
  return fileResponse(pathname);
}
route.refuseUnreadable = consent.refuseUnreadable;

const server = nodeServer(route);

server.listen(PORT, HOST, () => {
  const origin = `http://${HOST}:${server.address().port}`;
  console.log(`xmtp-subscribe demo: ${origin}/`);
  console.log(`  allowed-contacts endpoint ${origin}/consent, SQLite in ${join(DATA, 'demo.db')}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => store.close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
