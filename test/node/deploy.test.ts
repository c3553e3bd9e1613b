// Deployment, proven (issue 13, item 5): Debian's nginx as a TLS-less reverse proxy on 127.0.0.1
// (its own temp prefix, config, pid and log files, in the foreground, stopped at the end) in front of
// the real CLI with --trust-proxy, with the README's own `location` block. Two clients behind it, on
// the loopback aliases 127.0.0.2 and 127.0.0.3 (nginx appends their real addresses to
// X-Forwarded-For), get separate rate-limit budgets, a forged X-Forwarded-For changes nothing, and
// the request log names each client by its own address. Then the README's systemd units: valid for
// `systemd-analyze verify`, and the service's environment starts the CLI as it says. Each part is
// skipped, saying why, without nginx or systemd-analyze.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/chain.mjs';
import { cli, cliScratch, killClis } from './cli-process.js';
import { account, consentBody, publisher, tempDir } from './server-fixtures.js';

const RATE_LIMIT = 3;
const [CLIENT_A, CLIENT_B] = ['127.0.0.2', '127.0.0.3'];

const NGINX = '/usr/sbin/nginx';
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's fenced code blocks in `language`, in order. */
const readmeBlocks = (language: string) => [...README.matchAll(new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);

/** The README's nginx `location` block, as written there, sending to the CLI on `backend`. */
function readmeLocation(backend: number): string {
  const [block] = readmeBlocks('nginx');
  const location = block?.match(/^ *location [\s\S]*?^ {4}\}$/m)?.[0];
  if (!location?.includes('proxy_pass http://127.0.0.1:8787;')) assert.fail(`the README's nginx block has no location that proxies to the CLI: ${block}`);
  return location.replace('127.0.0.1:8787', `127.0.0.1:${backend}`);
}

/** A server block on the test's port around the README's location. */
const serverBlock = (listen: number, backend: number) => `
  server {
    listen 127.0.0.1:${listen};
${readmeLocation(backend)}
  }`;

/** nginx.conf for a throwaway nginx whose every file is under `prefix`. */
const nginxConf = (prefix: string, block: string) => `
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${block}
}
`;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** One request through the proxy, sent from `localAddress`, on a connection of its own. */
function send(url: string, localAddress: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = request(url, { method, headers, localAddress, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('behind nginx', { skip: !existsSync(NGINX) && `nginx is not installed at ${NGINX} (apt-get install -y nginx; .ci/run does)` }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let nginx: ChildProcess | undefined;
  let server: ReturnType<typeof cli>;
  let proxied: string;

  before(async () => {
    dir = await tempDir();
    server = cli(['--publisher', publisher.address, '--db', join(dir.path, 'consent.db'), '--port', '0', '--trust-proxy', '--rate-limit', String(RATE_LIMIT)]);
    const backend = Number(new URL(await server.endpoint()).port);
    const prefix = join(dir.path, 'nginx');
    mkdirSync(prefix);
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), nginxConf(prefix, serverBlock(port, backend)));
    nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let nginxErrors = '';
    nginx.stderr!.setEncoding('utf8').on('data', (text: string) => (nginxErrors += text));
    proxied = `http://127.0.0.1:${port}/consent`;
    // Serving once a request goes through.
    const giveUpAt = Date.now() + 10_000;
    for (;;) {
      const answer = await send(`${proxied}?publisher=x&subscriber=y`, '127.0.0.1').catch(() => undefined);
      if (answer) break;
      if (Date.now() > giveUpAt || nginx.exitCode !== null) {
        assert.fail(`nginx did not serve: ${nginxErrors}${readFileSync(join(prefix, 'error.log'), 'utf8')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => nginx!.once('exit', resolve));
    }
    killClis();
    await dir.remove();
  });

  const statusQuery = (n: number) => `${proxied}?${new URLSearchParams({ publisher: publisher.address, subscriber: account(1700 + n).address })}`;

  it('stores a proof posted through the proxy', async () => {
    const body = JSON.stringify(await consentBody(account(1601), { timestampMs: Date.now() - 60_000 }));
    const answer = await send(proxied, CLIENT_B, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'allowed');
  });

  it('gives each client behind it its own rate-limit budget, whatever X-Forwarded-For it writes', async () => {
    const fromA = [];
    // One of them forges the header: nginx appends the real address, and only that one is read.
    for (let i = 0; i < RATE_LIMIT; i++) fromA.push(await send(statusQuery(i), CLIENT_A, i === 1 ? { headers: { 'x-forwarded-for': '203.0.113.9' } } : {}));
    assert.deepEqual(fromA.map((answer) => answer.status), [200, 200, 200]);
    const spent = await send(statusQuery(9), CLIENT_A, { headers: { 'x-forwarded-for': '198.51.100.4' } });
    assert.equal(spent.status, 429);
    assert.equal((spent.body.error as { code: string }).code, 'rate_limited');
    // B posted once above; it still has budget left while A is refused.
    assert.equal((await send(statusQuery(10), CLIENT_B)).status, 200);
  });

  it("logs each request with its client's own address, never the proxy's", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // the log line follows the answer
    const entries = server
      .errors()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { clientIp: string; status: number; method: string });
    const fromClients = entries.filter((entry) => entry.clientIp !== '127.0.0.1');
    assert.deepEqual(fromClients.map((entry) => [entry.clientIp, entry.method, entry.status]), [
      [CLIENT_B, 'POST', 201],
      [CLIENT_A, 'GET', 200],
      [CLIENT_A, 'GET', 200],
      [CLIENT_A, 'GET', 200],
      [CLIENT_A, 'GET', 429],
      [CLIENT_B, 'GET', 200],
    ]);
    // Only the readiness probes came from 127.0.0.1 itself; no forged address was ever believed.
    assert.ok(entries.every((entry) => [CLIENT_A, CLIENT_B, '127.0.0.1'].includes(entry.clientIp)));
  });
});

describe("the README's systemd units", { skip: !existsSync(SYSTEMD_ANALYZE) && `systemd-analyze is not installed at ${SYSTEMD_ANALYZE}` }, () => {
  const INSTALLED_CLI = '/opt/xmtp-subscribe/node_modules/.bin/xmtp-subscribe-server';
  const units = readmeBlocks('ini');
  const service = units.find((unit) => unit.includes(`ExecStart=${INSTALLED_CLI}\n`));
  const dir = cliScratch();

  it('pass systemd-analyze verify without a warning', () => {
    const named = {
      'xmtp-subscribe.service': service,
      'xmtp-subscribe-backup.service': units.find((unit) => unit.includes('Type=oneshot')),
      'xmtp-subscribe-backup.timer': units.find((unit) => unit.includes('[Timer]')),
    };
    // verify checks that each command exists: the installed CLI stands in as an empty script.
    const installed = join(dir.path, 'xmtp-subscribe-server');
    writeFileSync(installed, '#!/bin/sh\n');
    chmodSync(installed, 0o755);
    for (const [name, unit] of Object.entries(named)) {
      assert.ok(unit, `the README has the ${name} unit`);
      writeFileSync(join(dir.path, name), unit.replaceAll(INSTALLED_CLI, installed));
    }
    const verified = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', ...Object.keys(named)], { cwd: dir.path, encoding: 'utf8' });
    assert.equal(verified.stderr, '');
    assert.equal(verified.status, 0);
  });

  it("start the CLI with the service's environment: its publisher, its proxy, its origin", async () => {
    const environment = Object.fromEntries([...service!.matchAll(/^Environment=(\w+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]));
    assert.equal(environment.XMTP_SUBSCRIBE_DB, '/var/lib/xmtp-subscribe/consent.db');
    // Only where the database lives and the port differ here.
    const server = cli([], { ...environment, XMTP_SUBSCRIBE_DB: join(dir.path, 'consent.db'), XMTP_SUBSCRIBE_PORT: '0' });
    const endpoint = await server.endpoint();
    assert.equal((await fetch(new URL('/health', endpoint))).status, 200);
    const query = new URLSearchParams({ publisher: environment.XMTP_SUBSCRIBE_PUBLISHER!, subscriber: account(1801).address });
    const status = await fetch(`${endpoint}?${query}`, {
      headers: { 'x-forwarded-for': '198.51.100.7', origin: environment.XMTP_SUBSCRIBE_ORIGIN! },
    });
    assert.equal(status.status, 200);
    assert.equal(status.headers.get('access-control-allow-origin'), environment.XMTP_SUBSCRIBE_ORIGIN);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the log line follows the answer
    assert.match(server.errors(), /"clientIp":"198\.51\.100\.7"/, 'the proxy at 127.0.0.1 is believed');
  });
});
