// A webhook receiver for the tests, on 127.0.0.1 and a free port: it answers each POST as its
// current behaviour says (2xx, 500, a redirect, or no answer at all until it is stopped), checks
// each signature with the README's verification snippet, and records every request it got.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

// The README's snippet, as a receiver would copy it.
/** Whether `rawBody` (the request's bytes, before any JSON parsing) was signed with `secret`. */
function verifyXmtpSubscribeSignature(rawBody, header, secret) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const received = Buffer.from(header ?? '');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** Starts a receiver that checks signatures against `secret`; `behaviour` can be changed at any time. */
export async function startWebhookReceiver(secret) {
  /** @type {import('./webhook-receiver.d.mts').ReceivedWebhook[]} */
  const received = [];
  const hanging = new Set();
  const inFlight = new Map();
  let mostAtOnce = 0;
  const receiver = {
    behaviour: 'ok',
    received,
    /** How many requests for one event id were in flight together, at most, so far. */
    mostInFlightForOneEvent: () => mostAtOnce,
    /** Milliseconds to wait before a 2xx answer. */
    answerDelayMs: 0,
  };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const behaviour = receiver.behaviour;
      let body;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const id = body?.id;
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      mostAtOnce = Math.max(mostAtOnce, inFlight.get(id));
      const done = () => inFlight.set(id, inFlight.get(id) - 1);
      response.once('close', done);
      received.push({
        at: Date.now(),
        path: request.url,
        headers: request.headers,
        raw: raw.toString('utf8'),
        body,
        verified: verifyXmtpSubscribeSignature(raw, request.headers['x-xmtp-subscribe-signature'], secret),
        answered: behaviour,
      });
      if (behaviour === 'hang') hanging.add(response);
      else if (behaviour === 'fail') response.writeHead(500).end('down');
      else if (behaviour === 'redirect') response.writeHead(302, { location: '/elsewhere' }).end();
      else setTimeout(() => response.writeHead(204).end(), receiver.answerDelayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${server.address().port}/hooks/xmtp`,
    /** The events answered 2xx, by id, in the order of their first such answer. */
    delivered() {
      const byId = new Map();
      for (const request of received) if (request.answered === 'ok' && !byId.has(request.body.id)) byId.set(request.body.id, request);
      return [...byId.values()];
    },
    async stop() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
