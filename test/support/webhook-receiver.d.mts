// Types of webhook-receiver.mjs, for the TypeScript webhook tests.
import type { IncomingHttpHeaders } from 'node:http';

/** How the receiver answers: 204, 500, a 302 to /elsewhere, or never. */
export type ReceiverBehaviour = 'ok' | 'fail' | 'redirect' | 'hang';

export interface ReceivedWebhook {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  raw: string;
  body: { type: string; publisher: string; subscriber: string; at: number; id: string };
  /** Whether the signature header checked out with the README's snippet. */
  verified: boolean;
  answered: ReceiverBehaviour;
}

export interface WebhookReceiver {
  url: string;
  behaviour: ReceiverBehaviour;
  /** Milliseconds to wait before a 2xx answer. */
  answerDelayMs: number;
  received: ReceivedWebhook[];
  mostInFlightForOneEvent(): number;
  delivered(): ReceivedWebhook[];
  stop(): Promise<void>;
}

export declare function startWebhookReceiver(secret: string): Promise<WebhookReceiver>;
