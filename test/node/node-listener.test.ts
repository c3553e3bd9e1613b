// nodeListener: the fetch handler behind a real Node `http` server on 127.0.0.1.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createConsentHandler, memoryStore, nodeListener, type FetchHandler } from '../../src/server/index.js';
import { jsonResponse } from '../../src/server/http.js';
import { account, consentBody, publisher } from './server-fixtures.js';

/** Serves `listener` on a free loopback port for the length of `use`. */
async function withServer(listener: RequestListener, use: (origin: string) => Promise<void>): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Answers with what it was given, so the adapter's translation can be checked. */
const echo: FetchHandler = async (request, info) =>
  jsonResponse(200, {
    method: request.method,
    url: request.url,
    test: request.headers.get('x-test'),
    body: await request.text(),
    clientIp: info?.clientIp,
  });

const consentHandler = (options = {}) =>
  createConsentHandler({ publishers: [publisher.address], store: memoryStore(), ...options });

describe('nodeListener', () => {
  it('passes method, URL, headers, a streamed body and the socket address (never X-Forwarded-For) to the handler', async () => {
    await withServer(nodeListener(echo), async (origin) => {
      const chunks = ['{"a":', '1}'];
      const body = new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      });
      const init = { method: 'POST', body, duplex: 'half', headers: { 'x-test': 'yes', 'x-forwarded-for': '203.0.113.9' } };
      const response = await fetch(`${origin}/consent?publisher=0x1`, init as RequestInit);
      assert.deepEqual(await response.json(), {
        method: 'POST',
        url: `${origin}/consent?publisher=0x1`,
        test: 'yes',
        body: '{"a":1}',
        clientIp: '127.0.0.1',
      });
    });
  });

  it('serves the consent handler: 201 for a proof, its status, CORS, and rate limits per forwarded IP behind trustProxy', async () => {
    const handler = consentHandler({ trustProxy: true, rateLimit: { perMinute: 2 } });
    await withServer(nodeListener(handler), async (origin) => {
      const reader = account(900);
      const posted = await fetch(`${origin}/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://news.example', 'x-forwarded-for': '203.0.113.1' },
        body: JSON.stringify(await consentBody(reader, { timestampMs: Date.now() })),
      });
      assert.equal(posted.status, 201);
      assert.equal(posted.headers.get('access-control-allow-origin'), '*');
      assert.equal(posted.headers.get('content-type'), 'application/json; charset=utf-8');

      const query = new URLSearchParams({ publisher: publisher.address, subscriber: reader.address });
      const status = (ip: string) => fetch(`${origin}/consent?${query}`, { headers: { 'x-forwarded-for': ip } });
      assert.equal((await status('203.0.113.1')).status, 200);
      assert.equal((await status('203.0.113.1')).status, 429);
      assert.equal((await status('203.0.113.2')).status, 200);
    });
  });

  it('collects a small body sent in pieces whole, and still answers 408 when the rest never comes', async () => {
    await withServer(nodeListener(echo), async (origin) => {
      const { port } = new URL(origin);
      const text = `{"padding":"${'x'.repeat(9000)}"}`;
      const answer = new Promise<string>((resolve, reject) => {
        const headers = { 'content-type': 'application/json', 'content-length': String(text.length) };
        const pieces = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(body));
        });
        pieces.on('error', reject);
        pieces.write(text.slice(0, 10));
        setTimeout(() => pieces.end(text.slice(10)), 30);
      });
      assert.equal(JSON.parse(await answer).body, text);
    });
    await withServer(nodeListener(consentHandler({ bodyTimeoutMs: 200 })), async (origin) => {
      const { port } = new URL(origin);
      const status = await new Promise<number>((resolve, reject) => {
        const headers = { 'content-type': 'application/json', 'content-length': '100' };
        const stalled = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/consent', headers }, (response) => {
          resolve(response.statusCode!);
          stalled.destroy();
        });
        stalled.on('error', reject);
        stalled.write('{"publisher":');
      });
      assert.equal(status, 408);
    });
  });

  it('answers 413 to a large body and keeps serving', async () => {
    await withServer(nodeListener(consentHandler()), async (origin) => {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(origin, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: ' '.repeat(1024 * 1024),
        });
        assert.equal(response.status, 413);
        assert.equal((await response.json()).error.code, 'payload_too_large');
      }
    });
  });

  it('survives a client that disconnects in the middle of its body', async () => {
    let handled: () => void;
    const handledOnce = new Promise<void>((resolve) => (handled = resolve));
    const handler = consentHandler();
    const listener = nodeListener(async (request, info) => {
      const response = await handler(request, info);
      handled();
      return response;
    });
    await withServer(listener, async (origin) => {
      const { port } = new URL(origin);
      const headers = { 'content-type': 'application/json', 'content-length': '1000' };
      const half = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/consent', headers });
      half.on('error', () => {});
      half.write('{"publisher":');
      setTimeout(() => half.destroy(), 50);
      await handledOnce;
      const after = await fetch(`${origin}/consent?publisher=${publisher.address}&subscriber=${publisher.address}`);
      assert.deepEqual([after.status, await after.json()], [200, { status: 'unknown' }]);
    });
  });

  it('answers 500 JSON when the handler throws, and streams a streamed answer', async () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      const failing = nodeListener(async () => {
        throw new Error('boom');
      });
      await withServer(failing, async (origin) => {
        const response = await fetch(origin);
        assert.equal(response.status, 500);
        assert.equal((await response.json()).error.code, 'internal_error');
      });
    } finally {
      console.error = quiet;
    }
    const parts = ['one ', 'two ', 'three'];
    const streaming = nodeListener(async () => {
      const body = new ReadableStream({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(part));
        },
      });
      return new Response(body, { headers: { 'x-kind': 'stream' } });
    });
    await withServer(streaming, async (origin) => {
      const response = await fetch(origin);
      assert.equal(response.headers.get('x-kind'), 'stream');
      assert.equal(await response.text(), 'one two three');
    });
  });
});
