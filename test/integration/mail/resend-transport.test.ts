import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SendOutcome } from '../../../src/mail/message.ts';
import {
  ResendTransport,
  type RateLimitInfo,
  type ResendTransportOptions,
} from '../../../src/mail/resend-transport.ts';
import { PermanentError, QuotaExceededError, RateLimitedError, TransientError } from '../../../src/shared/errors.ts';
import { startFakeResend, type FakeResend, type FakeResendOptions } from '../../support/fake-resend.ts';

function message(i: number, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    to: `reader${i}@paperboy.test`,
    from: 'Paperboy <digest@paperboy.test>',
    subject: `Your digest ${i}`,
    html: `<p>Hello ${i}</p>`,
    text: `Hello ${i}`,
    headers: {
      'List-Unsubscribe': `<https://paperboy.test/u/${i}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: { edition: '2026-08-21', subscriber: `sub-${i}` },
    ...overrides,
  };
}

const batch = (n: number, from = 0) => Array.from({ length: n }, (_, i) => message(from + i));
const opts = (key = 'edition/2026-08-21/batch-1') => ({ idempotencyKey: key, date: '2026-08-21' });

let server: FakeResend | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  fake: FakeResendOptions = {},
  transport: Partial<ResendTransportOptions> = {},
): Promise<{ fake: FakeResend; resend: ResendTransport }> {
  server = await startFakeResend(fake);
  const resend = new ResendTransport({ apiKey: server.apiKey, baseUrl: server.url, timeoutMs: 2_000, ...transport });
  return { fake: server, resend };
}

const sentIds = (outcomes: SendOutcome[]) => outcomes.map((o) => (o.status === 'sent' ? o.providerId : null));

describe('ResendTransport against the fake Resend', () => {
  it('sends a batch: one request, one message per recipient, headers, sanitised tags and the key', async () => {
    const { fake, resend } = await setup();
    const msgs = batch(3);
    msgs[0] = message(0, { tags: { 'edition date': '2026/08/21', who: 'a@b.c' }, replyTo: 'editor@paperboy.test' });
    const outcomes = await resend.sendBatch(msgs, opts());

    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(sentIds(outcomes)).size).toBe(3);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.path).toBe('/emails/batch');
    expect(req.idempotencyKey).toBe('edition/2026-08-21/batch-1');
    expect(req.batchValidation).toBe('permissive');
    expect(fake.countFor('reader1@paperboy.test')).toBe(1);
    const first = fake.messagesTo('reader0@paperboy.test')[0]!;
    expect(first.id).toBe(sentIds(outcomes)[0]);
    expect(first.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(first.replyTo).toEqual(['editor@paperboy.test']);
    expect(first.tags).toEqual([
      { name: 'edition_date', value: '2026_08_21' },
      { name: 'who', value: 'a_b_c' },
    ]);
  });

  it('refuses more than 100 messages before calling Resend', async () => {
    const { fake, resend } = await setup();
    await expect(resend.sendBatch(batch(101), opts())).rejects.toMatchObject({ code: 'batch_too_large' });
    expect(fake.requests).toHaveLength(0);
    const outcomes = await resend.sendBatch(batch(100), opts());
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(100);
  });

  it('throws a PermanentError for a wrong API key, and for none', async () => {
    const { fake } = await setup();
    const wrong = new ResendTransport({ apiKey: 're_wrong', baseUrl: fake.url, timeoutMs: 2_000 });
    const err = await wrong.sendBatch(batch(2), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'invalid_api_key' });
    const none = new ResendTransport({ apiKey: ' ', baseUrl: fake.url, timeoutMs: 2_000 });
    await expect(none.sendBatch(batch(1), opts())).rejects.toMatchObject({ code: 'missing_api_key' });
    expect(fake.stats().totalMessages).toBe(0);
  });

  it('permissive: a bad address fails alone with the reason; the others are sent', async () => {
    const { fake, resend } = await setup();
    const msgs = batch(4);
    msgs[2] = message(2, { to: 'not-an-address' });
    const outcomes = await resend.sendBatch(msgs, opts());
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'failed', 'sent']);
    expect(outcomes[2]).toMatchObject({ code: 'validation_error', reason: expect.stringContaining('`to`') });
    expect(fake.stats().totalMessages).toBe(3);
    expect(fake.messagesTo('reader3@paperboy.test')[0]!.id).toBe(sentIds(outcomes)[3]);
  });

  it('permissive: the partial answer is kept under the key, so a retry sends nothing and gets the same ids', async () => {
    const { fake, resend } = await setup();
    const msgs = batch(3);
    msgs[1] = message(1, { subject: '' });
    const first = await resend.sendBatch(msgs, opts());
    const again = await resend.sendBatch(msgs, opts());
    expect(again).toEqual(first);
    expect(first[1]).toMatchObject({ status: 'failed', reason: expect.stringContaining('subject') });
    expect(fake.stats().totalMessages).toBe(2);
    expect(fake.requests[1]!.replayed).toBe(true);
  });

  it('strict: one bad message fails the whole batch with the reason and nothing is sent', async () => {
    const { fake, resend } = await setup({}, { batchValidation: 'strict' });
    const msgs = batch(3);
    msgs[0] = message(0, { from: 'nobody' });
    const outcomes = await resend.sendBatch(msgs, opts());
    expect(outcomes).toHaveLength(3);
    for (const o of outcomes) expect(o).toMatchObject({ status: 'failed', code: 'validation_error' });
    expect(fake.stats().totalMessages).toBe(0);
  });

  it('strict: a missing field fails every message with missing_required_field', async () => {
    const { resend } = await setup({}, { batchValidation: 'strict' });
    const msgs = batch(2);
    msgs[1] = message(1, { html: '', text: '' });
    const outcomes = await resend.sendBatch(msgs, opts());
    expect(outcomes.every((o) => o.status === 'failed' && o.code === 'missing_required_field')).toBe(true);
  });

  it('429 rate_limit_exceeded -> RateLimitedError with retry-after; ratelimit-* headers reach onRateLimit', async () => {
    const seen: RateLimitInfo[] = [];
    const { fake, resend } = await setup(
      { rateLimit: 2, now: () => 1_000_000 }, // a still clock: all calls in one second
      { onRateLimit: (info) => seen.push(info) },
    );
    await resend.sendBatch(batch(1, 0), opts('k1'));
    await resend.sendBatch(batch(1, 1), opts('k2'));
    const err = await resend.sendBatch(batch(1, 2), opts('k3')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(fake.stats().totalMessages).toBe(2);
    expect(seen).toEqual([
      { limit: 2, remaining: 1, resetMs: 1000 },
      { limit: 2, remaining: 0, resetMs: 1000 },
      { limit: 2, remaining: 0, resetMs: 1000 },
    ]);
  });

  it('uses ratelimit-reset when the 429 carries it (scripted 429 with a longer wait)', async () => {
    const { resend, fake } = await setup();
    fake.script({ kind: 'rate-limit', retryAfterS: 7 });
    const err = await resend.sendBatch(batch(1), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it.each(['daily', 'monthly'] as const)('%s quota exceeded -> QuotaExceededError, nothing sent', async (which) => {
    const quota = which === 'daily' ? { dailyQuota: 3 } : { monthlyQuota: 3 };
    const { fake, resend } = await setup(quota);
    await resend.sendBatch(batch(2), opts('k1'));
    const err = await resend.sendBatch(batch(2, 2), opts('k2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect(err).toMatchObject({ code: `${which}_quota_exceeded`, retryable: false });
    expect(fake.stats().totalMessages).toBe(2);
  });

  it.each([
    [{ kind: 'status', status: 500 } as const, 'internal_server_error'],
    [{ kind: 'status', status: 503 } as const, 'application_error'],
    [{ kind: 'html', status: 502 } as const, 'application_error'],
    [{ kind: 'drop' } as const, 'application_error'],
  ])('%o -> TransientError (%s); the retry with the same key sends once', async (step, code) => {
    const { fake, resend } = await setup({ script: [step] });
    const err = await resend.sendBatch(batch(2), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ code });
    const outcomes = await resend.sendBatch(batch(2), opts());
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(fake.countFor('reader0@paperboy.test')).toBe(1);
  });

  it('a connection dropped after Resend accepted: the retry gets the first ids and sends nothing new', async () => {
    const { fake, resend } = await setup({ script: [{ kind: 'drop', when: 'after' }] });
    await expect(resend.sendBatch(batch(3), opts())).rejects.toBeInstanceOf(TransientError);
    expect(fake.stats().totalMessages).toBe(3);
    const outcomes = await resend.sendBatch(batch(3), opts());
    expect(sentIds(outcomes)).toEqual(fake.messages.map((m) => m.id));
    expect(fake.stats().totalMessages).toBe(3);
    expect(fake.stats().duplicateMessages).toBe(0);
  });

  it('a hung call times out as a TransientError named resend_timeout', async () => {
    const { fake, resend } = await setup({ script: [{ kind: 'hang', when: 'after' }] }, { timeoutMs: 300 });
    const err = await resend.sendBatch(batch(2), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ code: 'resend_timeout' });
    // Resend had accepted it: the retry is answered from the idempotency store.
    const outcomes = await resend.sendBatch(batch(2), opts());
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(fake.stats().totalMessages).toBe(2);
  });

  it('awaits beforeRequest before the request leaves, and the timeout only starts after it', async () => {
    const { fake, resend } = await setup({}, { timeoutMs: 300 });
    let requestsSeenWhenReleased: number | undefined;
    const beforeRequest = async () => {
      await new Promise((r) => setTimeout(r, 500)); // longer than the timeout: it must not have started yet
      requestsSeenWhenReleased = fake.requests.length;
    };
    const outcomes = await resend.sendBatch(batch(2), { ...opts(), beforeRequest });
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(requestsSeenWhenReleased).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('same key, same payload -> the first answer and no new messages', async () => {
    const { fake, resend } = await setup();
    const first = await resend.sendBatch(batch(5), opts());
    const second = await resend.sendBatch(batch(5), opts());
    expect(second).toEqual(first);
    expect(fake.stats()).toMatchObject({ totalMessages: 5, replayedRequests: 1, duplicateMessages: 0 });
  });

  it('same key, different payload -> 409 -> PermanentError invalid_idempotent_request', async () => {
    const { fake, resend } = await setup();
    await resend.sendBatch(batch(2), opts());
    const err = await resend.sendBatch(batch(2, 10), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'invalid_idempotent_request', retryable: false });
    expect(fake.stats().totalMessages).toBe(2);
  });

  it('same key while the first call is in flight -> TransientError; exactly one send in the end', async () => {
    const { fake, resend } = await setup({ latencyMs: 300 });
    const [a, b] = await Promise.allSettled([
      resend.sendBatch(batch(2), opts()),
      new Promise((r) => setTimeout(r, 50)).then(() => resend.sendBatch(batch(2), opts())),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const reason = (b as PromiseRejectedResult).reason as TransientError;
    expect(reason).toBeInstanceOf(TransientError);
    expect(reason.code).toBe('concurrent_idempotent_requests');
    const retried = await resend.sendBatch(batch(2), opts());
    expect(retried).toEqual((a as PromiseFulfilledResult<SendOutcome[]>).value);
    expect(fake.stats().totalMessages).toBe(2);
  });

  it('an unreachable server is a TransientError', async () => {
    const { fake } = await setup();
    const url = fake.url;
    await fake.close();
    server = undefined;
    const resend = new ResendTransport({ apiKey: 're_test_key', baseUrl: url, timeoutMs: 2_000 });
    await expect(resend.sendBatch(batch(1), opts())).rejects.toBeInstanceOf(TransientError);
  });
});
