// A WalletConnect relay stand-in on 127.0.0.1, so the WalletConnect tests run offline: the JSON-RPC
// over WebSocket that @walletconnect/core 2.25 speaks (read in its dist/index.js). Clients subscribe
// to topics and publish encrypted messages to them; the relay keeps each topic's messages (its
// mailbox) and pushes them with `irn_subscription` to every other client subscribed, now or later.
// The session proposal and approval arrive as methods of their own (`wc_proposeSession`,
// `wc_approveSession`), each carrying messages for one or two topics and subscribing its sender to
// the topic it will hear back on (the pairing, the session): those clients send no irn_subscribe.
import { once } from 'node:events';
import { WebSocketServer } from 'ws';

/** Who a connection is: the `iss` of the relay-auth JWT that clients put in the URL (`?auth=`). */
function clientIdOf(url) {
  const token = new URL(url, 'ws://relay').searchParams.get('auth') ?? '';
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).iss ?? token;
  } catch {
    return token;
  }
}

/** Starts the relay; `relayUrl` to give clients, `methods` it was asked (in order), `stop()`. */
export async function startRelay() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  /** topic → the connections subscribed to it. */
  const subscribers = new Map();
  /** topic → every message published to it: `{ topic, message, publishedAt, tag, attestation?, from }`. */
  const mailboxes = new Map();
  const methods = [];
  let pushes = 0;

  const push = (socket, { from: _from, ...data }) => {
    const params = { id: `${data.topic.slice(0, 16)}-${socket.clientId.slice(-8)}`, data };
    socket.send(JSON.stringify({ id: Date.now() * 1000 + (pushes++ % 1000), jsonrpc: '2.0', method: 'irn_subscription', params }));
  };

  /** Keeps a message in its topic's mailbox and pushes it to every subscriber but its sender. */
  const publish = (sender, { topic, message, tag, attestation }) => {
    const record = { topic, message, publishedAt: Date.now(), tag, ...(attestation ? { attestation } : {}), from: sender.clientId };
    if (!mailboxes.has(topic)) mailboxes.set(topic, []);
    mailboxes.get(topic).push(record);
    for (const socket of subscribers.get(topic) ?? []) if (socket.clientId !== sender.clientId) push(socket, record);
  };

  /** Subscribes a connection and pushes it what the topic already holds from others. */
  const subscribe = (socket, topic) => {
    if (!subscribers.has(topic)) subscribers.set(topic, new Set());
    subscribers.get(topic).add(socket);
    for (const record of mailboxes.get(topic) ?? []) if (record.from !== socket.clientId) push(socket, record);
    return `${topic.slice(0, 16)}-${socket.clientId.slice(-8)}`;
  };

  const unsubscribe = (socket, topic) => subscribers.get(topic)?.delete(socket);

  /** What each request method does; each returns the JSON-RPC result. */
  const handlers = {
    irn_subscribe: (socket, { topic }) => subscribe(socket, topic),
    irn_batchSubscribe: (socket, { topics }) => topics.map((topic) => subscribe(socket, topic)),
    irn_unsubscribe: (socket, { topic }) => (unsubscribe(socket, topic), true),
    irn_batchUnsubscribe: (socket, { subscriptions }) => (subscriptions.forEach(({ topic }) => unsubscribe(socket, topic)), true),
    irn_publish: (socket, params) => (publish(socket, params), true),
    irn_batchPublish: (socket, { messages }) => (messages.forEach((params) => publish(socket, params)), true),
    irn_batchFetchMessages: (socket, { topics }) => ({
      messages: topics.flatMap((topic) =>
        (mailboxes.get(topic) ?? []).filter(({ from }) => from !== socket.clientId).map(({ from: _from, ...data }) => data),
      ),
      hasMore: false,
    }),
    wc_proposeSession: (socket, { pairingTopic, sessionProposal, attestation }) => {
      subscribe(socket, pairingTopic);
      publish(socket, { topic: pairingTopic, message: sessionProposal, tag: 1100, attestation });
      return true;
    },
    wc_approveSession: (socket, { pairingTopic, sessionTopic, sessionProposalResponse, sessionSettlementRequest }) => {
      subscribe(socket, sessionTopic);
      publish(socket, { topic: pairingTopic, message: sessionProposalResponse, tag: 1101 });
      publish(socket, { topic: sessionTopic, message: sessionSettlementRequest, tag: 1102 });
      return true;
    },
  };

  server.on('connection', (socket, request) => {
    socket.clientId = clientIdOf(request.url);
    socket.on('message', (data) => {
      let payload;
      try {
        payload = JSON.parse(String(data));
      } catch {
        return;
      }
      // Acknowledgements of our pushes carry no method.
      if (typeof payload.method !== 'string') return;
      methods.push(payload.method);
      const handler = handlers[payload.method];
      const answer = handler
        ? { id: payload.id, jsonrpc: '2.0', result: handler(socket, payload.params ?? {}) }
        : { id: payload.id, jsonrpc: '2.0', error: { code: -32601, message: `${payload.method} is not served by the relay stand-in` } };
      socket.send(JSON.stringify(answer));
    });
    socket.on('close', () => {
      for (const sockets of subscribers.values()) sockets.delete(socket);
    });
  });

  return {
    relayUrl: `ws://127.0.0.1:${server.address().port}`,
    methods,
    async stop() {
      for (const socket of server.clients) socket.terminate();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
