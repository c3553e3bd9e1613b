// xmtp-subscribe/server: the allowed-contacts endpoint for Node and any fetch-style runtime.
export { createConsentHandler, type ConsentHandler, type ConsentHandlerOptions } from './handler.js';
export type { TrustProxy } from './client-ip.js';
export type { ClientInfo, FetchHandler, ServerHandler, UnreadableRequest } from './http.js';
export { nodeListener, nodeServer, nodeServerOptions, type NodeServerOptions, type NodeServerTimeouts } from './node.js';
export type { RequestLogEntry, RequestLogger } from './request-log.js';
export {
  RECEIPTS_KEPT,
  applyStatement,
  type ApplyOptions,
  type ApplyResult,
  type ConsentRecord,
  type ConsentState,
  type ConsentStatement,
  type ConsentStore,
  type KeptConsent,
  type KeptWithdrawal,
  type ListOptions,
  type ListState,
  type SignedStatement,
  type WithdrawalStatement,
} from './store.js';
export { StoreUnavailableError } from './stores/faults.js';
export type { WebhookEvent, WebhookEventType } from './webhooks/event.js';
export type { WebhookOptions } from './webhooks/options.js';
export type { LeasedEvent, QueuedWebhook, WebhookQueue } from './webhooks/queue.js';
export { memoryStore } from './stores/memory.js';
export { postgresStore } from './stores/postgres.js';
export { sqliteStore } from './stores/sqlite.js';
export {
  ChainUnavailableError,
  verifyConsentProof,
  verifyUnsubscribe,
  type ConsentProof,
  type UnsubscribeProof,
  type SignerKind,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
} from '../core/verify.js';
