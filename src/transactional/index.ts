// Transactional mail: the emails a subscriber gets because of something they did (confirm, preferences saved,
// goodbye, fresh link), as opposed to the digest. The web queues them (TransactionalMailer); a worker sends each one
// (sendTransactionalEmail) through the shared pacer's priority lane, retried under one idempotency key.
export { TransactionalMailer, type EnqueueTransactional } from './mailer.ts';
export { buildTransactionalMessage, transactionalIdempotencyKey } from './message.ts';
export { sendTransactionalEmail, type TransactionalDeps, type TransactionalOutcome } from './send-email.ts';
export { transactionalStatus, type TransactionalStatus, type TransactionalFailure } from './status.ts';
export { retryTransactional } from './retry.ts';
export { transactionalHeaders, kindOfTemplate, type TransactionalHeaderOptions } from './headers.ts';
