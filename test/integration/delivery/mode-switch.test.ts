import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import {
  DeliveryLedger,
  planEdition,
  ProfileRenderer,
  ReaderAssembler,
  sendBatch,
  type SendDeps,
  type SendPacer,
} from '../../../src/deliveries/index.ts';
import { buildStoredEdition, freezeEdition, loadEdition } from '../../../src/editions/index.ts';
import type { MailTransport, OutgoingMessage, SendBatchOptions, SendOutcome } from '../../../src/mail/index.ts';
import { NO_INTERESTS, ReaderStore } from '../../../src/relevance/index.ts';
import { PaperboyError } from '../../../src/shared/errors.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';

/** Records every call; fails the first `failures` calls as a provider outage would (the outcome unknown). */
class RecordingTransport implements MailTransport {
  readonly name = 'recording';
  readonly maxBatchSize = 100;
  readonly calls: { key: string; bodies: string[] }[] = [];
  constructor(private failures: number) {}
  sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]> {
    this.calls.push({ key: options.idempotencyKey, bodies: messages.map((m) => `${m.subject}\n${m.html}\n${m.text}`) });
    if (this.failures-- > 0)
      throw new PaperboyError('the provider timed out', { code: 'provider_timeout', retryable: true });
    return Promise.resolve(messages.map((_, index) => ({ index, status: 'sent', providerId: `id-${index}` })));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A planned, frozen edition of twelve readers (eight with votes and follows), and the send deps for a config. */
async function plannedEdition(t: TestRedis) {
  const { date } = await seedEdition(t.redis, t.keyspace, 12, 'paperboy.test', { personal: true });
  const env = {
    REDIS_URL: t.url,
    REDIS_PREFIX: t.prefix,
    LOG_LEVEL: 'silent',
    LINK_SECRETS: 'mode-switch-secret-0123456789',
  };
  const personal = loadConfig({ ...env, PERSONAL_DIGESTS: 'true' });
  const profile = loadConfig({ ...env, PERSONAL_DIGESTS: 'false' });
  await buildStoredEdition(t.redis, t.keyspace, personal, date);
  await freezeEdition(t.redis, t.keyspace, date);
  const edition = (await loadEdition(t.redis, t.keyspace, date))!;
  const store = new SubscriberStore(t.redis, t.keyspace);
  const ledger = new DeliveryLedger(t.redis, t.keyspace);
  const logger = silentLogger();
  const plan = await planEdition(
    { redis: t.redis, ks: t.keyspace, store, ledger, logger, skipEmptyDigest: true, batchSize: 100 },
    edition,
  );
  const context = { postalAddress: personal.mail.postalAddress, publicBaseUrl: personal.web.publicBaseUrl };
  const deps = (config: Config, transport: MailTransport): SendDeps => ({
    redis: t.redis,
    config,
    logger,
    store,
    ledger,
    renderer: new ProfileRenderer(t.redis, t.keyspace, config.templateEngine, context),
    readers: new ReaderAssembler(
      t.redis,
      t.keyspace,
      new ReaderStore(t.redis, t.keyspace),
      config.templateEngine,
      context,
      3600,
      config.send.skipEmptyDigest,
    ),
    transport,
    pacer: { acquire: () => Promise.resolve() } as unknown as SendPacer,
  });
  // The largest batch (a profile's readers), so one reader can be skipped and the others still sent.
  const largest = plan.batches.reduce((a, b) => (b.count > a.count ? b : a));
  return { date, personal, profile, ledger, deps, env, batch: { ...largest, date } };
}

/** Muted keywords every paper of the sample day has. */
const MUTE_ALL = ['the', 'of', 'and', 'in'];

describe('a batch in flight', () => {
  let t: TestRedis;
  beforeEach(async () => {
    t = await openTestRedis('mode-switch');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('is retried as its first attempt was sent, under the same key, whatever PERSONAL_DIGESTS says now', async () => {
    const { personal, profile, deps, batch } = await plannedEdition(t);
    const first = new RecordingTransport(1);
    await expect(sendBatch(deps(personal, first), batch, false)).rejects.toThrow('the provider timed out');
    // The operator switches personal digests off; the retry still sends each reader's own digest, byte for byte.
    const retry = new RecordingTransport(0);
    const result = await sendBatch(deps(profile, retry), batch, false);
    expect(result.sent).toBe(first.calls[0]!.bodies.length);
    expect(retry.calls[0]!.key).toBe(first.calls[0]!.key);
    expect(retry.calls[0]!.bodies).toEqual(first.calls[0]!.bodies);
    expect(retry.calls[0]!.bodies.every((b) => b.includes('>More like this</a>'))).toBe(true);
  });

  it('whose emails cannot be prepared records every recipient failed on its final attempt, none left claimed', async () => {
    const { date, personal, ledger, deps, batch } = await plannedEdition(t);
    await t.redis.del(t.keyspace.key('edition', date));
    const transport = new RecordingTransport(0);
    await expect(sendBatch(deps(personal, transport), batch, true)).rejects.toThrow(/edition .* is not stored/);
    expect(transport.calls).toEqual([]);
    expect(await ledger.counts(date)).toMatchObject({ sending: 0, sent: 0, failed: batch.count });
  });

  it('skips a reader whose mutes leave nothing (SKIP_EMPTY_DIGEST), on the first attempt and the retry alike', async () => {
    const { date, personal, ledger, deps, batch } = await plannedEdition(t);
    const ids = await t.redis.lrange(ledger.keys(date).planList(batch.listId), batch.start, batch.start + 1);
    const [muting, other] = ids as [string, string];
    await new ReaderStore(t.redis, t.keyspace).saveInterests(muting, { ...NO_INTERESTS, mutes: MUTE_ALL });
    const first = new RecordingTransport(1);
    await expect(sendBatch(deps(personal, first), batch, false)).rejects.toThrow('the provider timed out');
    expect(first.calls[0]!.bodies).toHaveLength(batch.count - 1);
    expect(await ledger.get(date, muting)).toMatchObject({ status: 'skipped', skipReason: /^nothing to send: / });
    const retry = new RecordingTransport(0);
    const result = await sendBatch(deps(personal, retry), batch, false);
    expect(result).toMatchObject({ sent: batch.count - 1, failed: 0 });
    expect(retry.calls[0]!.key).toBe(first.calls[0]!.key);
    expect(await ledger.get(date, muting)).toMatchObject({ status: 'skipped' });
    expect(await ledger.get(date, other)).toMatchObject({ status: 'sent' });
    expect(await ledger.counts(date)).toMatchObject({ sending: 0, sent: batch.count - 1, skipped: 1 });
  });

  it('sends that reader their empty digest when SKIP_EMPTY_DIGEST=false', async () => {
    const { date, env, ledger, deps, batch } = await plannedEdition(t);
    const [muting] = await t.redis.lrange(ledger.keys(date).planList(batch.listId), batch.start, batch.start);
    await new ReaderStore(t.redis, t.keyspace).saveInterests(muting!, { ...NO_INTERESTS, mutes: MUTE_ALL });
    const always = loadConfig({ ...env, PERSONAL_DIGESTS: 'true', SKIP_EMPTY_DIGEST: 'false' });
    const transport = new RecordingTransport(0);
    expect(await sendBatch(deps(always, transport), batch, false)).toMatchObject({ sent: batch.count, skipped: 0 });
    expect(transport.calls[0]!.bodies.filter((b) => b.includes('No new '))).not.toHaveLength(0);
  });
});
