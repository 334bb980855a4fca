import { createHash } from 'node:crypto';
import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import type { MailTransport, OutgoingMessage } from '../mail/index.ts';
import { PaperboyError, PermanentError, describeError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { createLinkBuilder, type Subscriber, type SubscriberStore } from '../subscribers/index.ts';
import type { Edition } from '../themes/index.ts';
import { buildDigestMessage, buildReaderMessage } from './build-message.ts';
import { outcomeUnknown } from './ambiguous.ts';
import type { SendBatchRef } from './batches.ts';
import type { BatchOutcome, DeliveryLedger } from './ledger.ts';
import type { SendPacer } from './pacer.ts';
import type { ProfileRenderer } from './profile-renderer.ts';
import { readerLinks, type ReaderAssembler } from './reader-assembler.ts';

export interface SendDeps {
  redis: RedisClient;
  config: Config;
  /** Bound to the edition (`date`), as the job loggers are: lines here do not repeat it. */
  logger: Logger;
  store: SubscriberStore;
  ledger: DeliveryLedger;
  /** One rendering per preference profile: what is sent when `readers` is absent (PERSONAL_DIGESTS=false). */
  renderer: ProfileRenderer;
  /** Each reader's own digest, in their stored order (what PERSONAL_DIGESTS=true sends; see `sendsPersonal`). */
  readers?: ReaderAssembler | undefined;
  transport: MailTransport;
  pacer: SendPacer;
}

/** A batch of an edition: which slice of which recipient list. */
export interface SendBatchInput extends SendBatchRef {
  date: string;
}

export interface SendBatchResult {
  sent: number;
  failed: number;
  skipped: number;
  idempotencyKey: string | undefined;
}

/** The same key for the same edition and recipients, on every retry and in every process. */
export function batchIdempotencyKey(date: string, profileKey: string, recipientIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...recipientIds].sort().join(','))
    .digest('hex')
    .slice(0, 40);
  return `paperboy-digest/${date}/${profileKey}/${digest}`;
}

/**
 * Whether this attempt sends each reader's own digest. A first attempt follows PERSONAL_DIGESTS; a retry sends what
 * the first attempt did (orders stored for its recipients: personal), so switching the setting while batches are in
 * flight never sends a retry another payload under the same idempotency key.
 */
async function sendsPersonal(deps: SendDeps, date: string, retry: boolean, ids: string[]): Promise<boolean> {
  if (!deps.readers) return false;
  if (retry && ids.length > 0 && (await deps.redis.hexists(deps.ledger.keys(date).orders, ids[0]!))) return true;
  return deps.config.send.personalDigests;
}

/** Records a failed attempt: failed records on the final one (or a permanent error), else kept for the retry. */
async function failAttempt(
  deps: SendDeps,
  input: SendBatchInput,
  recipients: string[],
  error: unknown,
  finalAttempt: boolean,
  reachedProvider: boolean,
): Promise<void> {
  const retryable = error instanceof PaperboyError ? error.retryable : true;
  const final = finalAttempt || !retryable;
  const code = error instanceof PaperboyError ? error.code : 'unexpected';
  await deps.ledger.recordAttemptError(
    input.date,
    input.batchId,
    recipients,
    `${code}: ${describeError(error)}`,
    final && code !== 'rate_limited' && !code.endsWith('quota_exceeded'),
    reachedProvider && outcomeUnknown(code, retryable),
  );
  deps.logger.warn(
    { batchId: input.batchId, recipients: recipients.length, final, error: describeError(error) },
    reachedProvider ? 'send attempt failed' : 'preparing the batch failed',
  );
}

interface Prepared {
  messages: OutgoingMessage[];
  recipients: string[];
  /** Readers sent nothing, with why (their stored order says so, so every attempt skips them alike). */
  skipped?: BatchOutcome[];
}

/** Links are signed as of the edition's freeze time, so a retried batch carries byte-identical links. */
function linksAsOf(deps: SendDeps, edition: Edition, date: string) {
  const issuedAt = new Date(edition.frozenAt ?? `${date}T00:00:00Z`);
  return createLinkBuilder(deps.config, { now: () => issuedAt });
}

/** The profile's one rendering, personalised per recipient (PERSONAL_DIGESTS=false). */
async function profileMessages(
  deps: SendDeps,
  input: SendBatchInput,
  ids: string[],
  subscribers: Map<string, Subscriber>,
): Promise<Prepared> {
  const { edition, email } = await deps.renderer.get(input.date, input.profileKey);
  const links = linksAsOf(deps, edition, input.date);
  const messages = ids.map((id) =>
    buildDigestMessage(email, subscribers.get(id)!, input.date, links, deps.config.mail),
  );
  return { messages, recipients: ids };
}

/** Each reader's own digest, in the order stored at the batch's first claim (fixed for every retry). */
async function readerMessages(
  deps: SendDeps,
  readers: ReaderAssembler,
  input: SendBatchInput,
  ids: string[],
  subscribers: Map<string, Subscriber>,
): Promise<Prepared> {
  const { date, profileKey } = input;
  const { edition } = await readers.edition(date);
  const builder = linksAsOf(deps, edition, date);
  const links = new Map(ids.map((id) => [id, readerLinks(builder, id, date)]));
  const orders = await readers.orders(date, profileKey, ids, (id) => links.get(id)!);
  const messages: OutgoingMessage[] = [];
  const recipients: string[] = [];
  const skipped: BatchOutcome[] = [];
  for (const id of ids) {
    const own = links.get(id)!;
    const entry = orders.get(id)!;
    if (entry.order.x !== undefined) {
      skipped.push({ id, status: 'skipped', reason: entry.order.x });
      continue;
    }
    const email = await readers.assemble(date, profileKey, entry, own);
    messages.push(buildReaderMessage(email, subscribers.get(id)!, date, own.unsubscribeUrl, deps.config.mail));
    recipients.push(id);
  }
  return { messages, recipients, skipped };
}

/**
 * Sends one batch. Recipients who left after planning are skipped; the rest are claimed in the ledger (sent ones
 * never again), rendered from the profile's cached rendering, and handed to the transport in one call with an
 * idempotency key derived from the edition and the recipients. A thrown error leaves the claim in place so the
 * retry sends the identical payload with the identical key. `finalAttempt` turns a thrown error into failed records.
 */
export async function sendBatch(
  deps: SendDeps,
  input: SendBatchInput,
  finalAttempt: boolean,
): Promise<SendBatchResult> {
  const { ledger, store } = deps;
  const { date, batchId } = input;
  const list = ledger.keys(date).planList(input.listId);
  const candidateIds = await deps.redis.lrange(list, input.start, input.start + input.count - 1);
  const batchExists = (await deps.redis.exists(ledger.keys(date).batch(batchId))) === 1;
  if (input.replay && !batchExists)
    throw new PermanentError(`batch ${batchId} of ${date} is no longer stored: it cannot be replayed`, 'batch_expired');
  let skipped = 0;
  let loaded: Subscriber[] | undefined;
  if (!batchExists) {
    // First attempt only: who left since planning is skipped. A retry must keep its recipients (see CLAIM_BATCH).
    loaded = await store.getMany(candidateIds);
    const active = new Set(loaded.filter((s) => s.status === 'active').map((s) => s.id));
    const gone = candidateIds.filter((id) => !active.has(id));
    skipped = await ledger.skip(date, gone, 'no longer subscribed when the batch was sent');
  }
  const claimed = await ledger.claim(date, batchId, candidateIds);
  if (claimed.length === 0) return { sent: 0, failed: 0, skipped, idempotencyKey: undefined };

  // A retry reads the claimed recipients afresh; a first attempt already has them.
  const subscribers = new Map((loaded ?? (await store.getMany(claimed))).map((s): [string, Subscriber] => [s.id, s]));
  const outcomes: BatchOutcome[] = [];
  const present = claimed.filter((id) => {
    if (subscribers.has(id)) return true;
    outcomes.push({ id, status: 'failed', reason: 'subscriber record no longer exists (erased)' });
    return false;
  });
  let prepared: Prepared;
  try {
    const readers = (await sendsPersonal(deps, date, batchExists, present)) ? deps.readers : undefined;
    prepared = readers
      ? await readerMessages(deps, readers, input, present, subscribers)
      : await profileMessages(deps, input, present, subscribers);
  } catch (error) {
    // Nothing reached the provider: the outcome is known (not sent), and a final attempt records the failures.
    await failAttempt(deps, input, present, error, finalAttempt, false);
    throw error;
  }
  const { messages, recipients } = prepared;
  // Recorded before the send, so a send that fails for good leaves no skipped reader claimed.
  if (prepared.skipped && prepared.skipped.length > 0) {
    await ledger.markOutcomes(date, batchId, prepared.skipped);
    skipped += prepared.skipped.length;
  }
  let idempotencyKey = batchIdempotencyKey(date, input.profileKey, recipients);
  if (messages.length > 0) {
    // The key of the batch's first send attempt, whatever the recipients are now (see DeliveryLedger.sendKey).
    idempotencyKey = await ledger.sendKey(date, batchId, idempotencyKey);
    try {
      const results = await deps.transport.sendBatch(messages, {
        idempotencyKey,
        date,
        beforeRequest: () => deps.pacer.acquire(),
      });
      for (const r of results) {
        const id = recipients[r.index];
        if (id === undefined) continue;
        outcomes.push(
          r.status === 'sent'
            ? { id, status: 'sent', providerId: r.providerId }
            : { id, status: 'failed', reason: `${r.code}: ${r.reason}` },
        );
      }
    } catch (error) {
      await failAttempt(deps, input, recipients, error, finalAttempt, true);
      throw error;
    }
  }
  await ledger.markOutcomes(date, batchId, outcomes);
  const sent = outcomes.filter((o) => o.status === 'sent').length;
  return { sent, failed: outcomes.length - sent, skipped, idempotencyKey };
}
