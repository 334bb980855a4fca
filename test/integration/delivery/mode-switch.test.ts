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
import { ReaderStore } from '../../../src/relevance/index.ts';
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

/** A planned, frozen edition of six readers (four with votes and follows), and the send deps for a config. */
async function plannedEdition(t: TestRedis) {
  const { date } = await seedEdition(t.redis, t.keyspace, 6, 'paperboy.test', { personal: true });
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
    ),
    transport,
    pacer: { acquire: () => Promise.resolve() } as unknown as SendPacer,
  });
  return { date, personal, profile, ledger, deps, batch: { ...plan.batches[0]!, date } };
}

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
});
