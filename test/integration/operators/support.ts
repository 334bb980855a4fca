import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startWorkers, type Workers } from '../../../jobs/workers.ts';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import {
  createTransport,
  type MailTransport,
  type OutgoingMessage,
  type SendOutcome,
} from '../../../src/mail/index.ts';
import { loadSampleDay, saveDay } from '../../../src/papers/index.ts';
import { createRuntime, type Runtime } from '../../../src/runtime/index.ts';
import { PermanentError, TransientError } from '../../../src/shared/errors.ts';
import type { Logger } from '../../../src/shared/logger.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import type { FakeResend } from '../../support/fake-resend.ts';
import { SAFE_PRODUCTION_ENV } from '../../support/production-env.ts';
import type { TestRedis } from '../../support/redis.ts';

/**
 * A transport for operator tests: per-message failures for chosen addresses, whole-call TransientErrors for the
 * next `throwNext` calls, whole-call PermanentErrors for the next `refuseNext` calls, and a record of every message
 * it accepted.
 */
export class ScriptedTransport implements MailTransport {
  readonly name = 'scripted';
  readonly maxBatchSize = 100;
  readonly failing = new Set<string>();
  throwNext = 0;
  refuseNext = 0;
  readonly accepted: OutgoingMessage[] = [];
  calls = 0;
  /** Messages handed over in every call, accepted or not. */
  handed = 0;

  sendBatch(messages: readonly OutgoingMessage[]): Promise<SendOutcome[]> {
    this.calls += 1;
    this.handed += messages.length;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      return Promise.reject(new PermanentError('request refused (scripted)', 'validation_error'));
    }
    if (this.throwNext > 0) {
      this.throwNext -= 1;
      return Promise.reject(new TransientError('provider unavailable (scripted)', 'provider_unavailable'));
    }
    return Promise.resolve(
      messages.map((m, index): SendOutcome => {
        if (this.failing.has(m.to))
          return { index, status: 'failed', code: 'invalid_to', reason: 'rejected (scripted)' };
        this.accepted.push(m);
        return { index, status: 'sent', providerId: `msg-${this.accepted.length}` };
      }),
    );
  }

  /** How many messages each address received. */
  receivedBy(address: string): number {
    return this.accepted.filter((m) => m.to === address).length;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A config for one test's Redis prefix, pacing off. */
export function testConfig(t: TestRedis, extra: Record<string, string> = {}): { config: Config; cleanup: () => void } {
  const outbox = mkdtempSync(join(tmpdir(), 'paperboy-ops-'));
  const config = loadConfig({
    REDIS_URL: t.url,
    REDIS_PREFIX: t.prefix,
    OUTBOX_DIR: outbox,
    SEND_RATE: '1000',
    LOG_LEVEL: 'silent',
    ...extra,
  });
  return { config, cleanup: () => rmSync(outbox, { recursive: true, force: true }) };
}

/** A runtime on the test's prefix that sends through a fake Resend, configured as in production. */
export function resendRuntime(
  t: TestRedis,
  fake: FakeResend,
  extra: Record<string, string> = {},
): { rt: Runtime; close: () => Promise<void> } {
  const made = testConfig(t, {
    ...SAFE_PRODUCTION_ENV,
    MAIL_TRANSPORT: 'resend',
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: fake.url,
    ...extra,
  });
  const rt = createRuntime(made.config, silentLogger(), { transport: createTransport(made.config, silentLogger()) });
  return {
    rt,
    close: async () => {
      await rt.close();
      made.cleanup();
    },
  };
}

/** A runtime with workers on the test's prefix. */
export function startPipeline(
  config: Config,
  transport: MailTransport,
  logger: Logger = silentLogger(),
): { rt: Runtime; workers: Workers; stop: () => Promise<void> } {
  const rt = createRuntime(config, logger, { transport });
  const workers = startWorkers(rt, { lockDurationMs: 5000 });
  return {
    rt,
    workers,
    stop: async () => {
      await workers.close();
      await rt.close();
    },
  };
}

/** Stores the bundled synthetic day and returns its date. */
export async function storeSampleDay(rt: Runtime): Promise<string> {
  const day = loadSampleDay();
  await saveDay(rt.redis, rt.keyspace, day);
  return day.date;
}

/** Adds active subscribers (every topic, also trending) and returns their ids by address. */
export async function addSubscribers(rt: Runtime, emails: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const email of emails) {
    const { subscriber } = await rt.store.add(
      email,
      { topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], perTopic: 3, alsoTrending: true },
      { confirmed: true },
    );
    ids.set(email, subscriber.id);
  }
  return ids;
}

/** Polls until `check` is true (or fails the test after `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
