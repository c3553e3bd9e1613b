// Where an element is in its flow; one union for every element so pages style them alike.

export type Status =
  | 'idle'
  | 'checking'
  | 'picking'
  | 'connecting'
  | 'connected'
  | 'signing'
  | 'submitting'
  | 'queued'
  | 'done'
  | 'error';

/** Statuses in which the element waits on the wallet or the network and ignores clicks. */
export const BUSY_STATUSES: ReadonlySet<Status> = new Set(['checking', 'connecting', 'signing', 'submitting']);
