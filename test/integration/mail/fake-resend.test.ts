// The fake Resend's own fidelity, checked with plain HTTP so a transport bug cannot hide a fake bug.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend, type FakeResendOptions } from '../../support/fake-resend.ts';

let server: FakeResend | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeResendOptions = {}): Promise<FakeResend> {
  server = await startFakeResend(options);
  return server;
}

const email = (to: unknown = 'a@paperboy.test', extra: Record<string, unknown> = {}) => ({
  from: 'Paperboy <digest@paperboy.test>',
  to,
  subject: 'Digest',
  html: '<p>hi</p>',
  ...extra,
});

/** A Resend answer body: an error, one id, or a batch result. */
interface Body {
  statusCode?: number;
  name?: string;
  message?: string;
  id?: string;
  data?: { id: string }[];
  errors?: { index: number; message: string }[];
}

interface Answer {
  status: number;
  headers: Headers;
  body: Body;
}

async function post(
  fake: FakeResend,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${fake.apiKey}`,
      'user-agent': 'test',
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Body = { message: text };
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    // not JSON: keep the text as the message
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

describe('fake Resend: auth and transport rules', () => {
  it('401 missing_api_key without a bearer, 403 invalid_api_key with a wrong one', async () => {
    const fake = await start();
    const none = await post(fake, '/emails', email(), { authorization: '' });
    expect(none).toMatchObject({ status: 401, body: { statusCode: 401, name: 'missing_api_key' } });
    const wrong = await post(fake, '/emails', email(), { authorization: 'Bearer re_nope' });
    expect(wrong).toMatchObject({ status: 403, body: { statusCode: 403, name: 'invalid_api_key' } });
    expect(fake.stats().totalMessages).toBe(0);
  });

  it('403 "error code: 1010" without a User-Agent', async () => {
    const fake = await start();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${fake.url}/emails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(email()));
    });
    expect(answer).toEqual({ status: 403, text: 'error code: 1010' });
  });

  it('404 not_found and 405 method_not_allowed', async () => {
    const fake = await start();
    expect((await post(fake, '/nope', {})).body.name).toBe('not_found');
    const res = await fetch(`${fake.url}/emails`, {
      headers: { authorization: `Bearer ${fake.apiKey}`, 'user-agent': 't' },
    });
    expect(res.status).toBe(405);
  });
});

describe('fake Resend: validation', () => {
  it('accepts a single email with `to` as a string or a named address', async () => {
    const fake = await start();
    const a = await post(fake, '/emails', email('Ann <ann@paperboy.test>'));
    expect(a.status).toBe(200);
    expect(typeof a.body.id).toBe('string');
    expect(fake.countFor('ANN@paperboy.test')).toBe(1);
  });

  it.each([
    [{ to: undefined }, 'missing_required_field', '`to`'],
    [{ to: [] }, 'missing_required_field', '`to`'],
    [{ to: 'nope' }, 'validation_error', '`to`'],
    [{ to: Array.from({ length: 51 }, (_, i) => `r${i}@paperboy.test`) }, 'validation_error', 'at most 50'],
    [{ from: undefined }, 'missing_required_field', '`from`'],
    [{ subject: '' }, 'missing_required_field', '`subject`'],
    [{ html: undefined }, 'missing_required_field', '`html`'],
    [{ headers: { a: 1 } }, 'validation_error', '`headers`'],
    [{ tags: [{ name: 'a b', value: 'x' }] }, 'validation_error', 'Tags'],
    [{ tags: [{ name: 'ok', value: 'x'.repeat(257) }] }, 'validation_error', 'Tags'],
  ])('422 for %o', async (patch, name, mention) => {
    const fake = await start();
    const body: Record<string, unknown> = email();
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    const answer = await post(fake, '/emails', body);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ statusCode: 422, name });
    expect(answer.body.message).toContain(mention);
  });

  it('accepts text without html, and tags in the allowed charset', async () => {
    const fake = await start();
    const body = email('a@paperboy.test', {
      html: undefined,
      text: 'hi',
      tags: [{ name: 'edition', value: '2026-08-21' }],
    });
    expect((await post(fake, '/emails', body)).status).toBe(200);
  });

  it('refuses configured test domains, as Resend refuses example.com', async () => {
    const fake = await start({ rejectedDomains: ['example.com'] });
    expect((await post(fake, '/emails', email('x@example.com'))).status).toBe(422);
  });

  it('400 on a body that is not JSON', async () => {
    const fake = await start();
    expect(await post(fake, '/emails/batch', '{nope')).toMatchObject({
      status: 400,
      body: { name: 'validation_error' },
    });
  });
});

describe('fake Resend: batch', () => {
  it('strict (the default) is all or nothing', async () => {
    const fake = await start();
    const answer = await post(fake, '/emails/batch', [email('a@paperboy.test'), email('bad')]);
    expect(answer).toMatchObject({ status: 422, body: { name: 'validation_error' } });
    expect(fake.stats().totalMessages).toBe(0);
    const ok = await post(fake, '/emails/batch', [email('a@paperboy.test'), email('b@paperboy.test')]);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toHaveLength(2);
    expect(ok.body.errors).toBeUndefined();
  });

  it('strict refuses more than 100 emails', async () => {
    const fake = await start();
    const emails = Array.from({ length: 101 }, (_, i) => email(`r${i}@paperboy.test`));
    expect((await post(fake, '/emails/batch', emails)).status).toBe(422);
    expect((await post(fake, '/emails/batch', emails.slice(0, 100))).status).toBe(200);
  });

  it('permissive sends the valid ones and lists the others by index', async () => {
    const fake = await start();
    const answer = await post(
      fake,
      '/emails/batch',
      [email('a@paperboy.test'), email('bad'), email('c@paperboy.test')],
      {
        'x-batch-validation': 'permissive',
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(2);
    expect(answer.body.errors).toEqual([{ index: 1, message: expect.stringContaining('`to`') }]);
    expect(fake.messages.map((m) => m.to[0])).toEqual(['a@paperboy.test', 'c@paperboy.test']);
  });

  it('permissive reports the emails past 100 one by one', async () => {
    const fake = await start();
    const emails = Array.from({ length: 102 }, (_, i) => email(`r${i}@paperboy.test`));
    const answer = await post(fake, '/emails/batch', emails, { 'x-batch-validation': 'permissive' });
    expect(answer.body.data).toHaveLength(100);
    expect(answer.body.errors!.map((e) => e.index)).toEqual([100, 101]);
  });
});

describe('fake Resend: rate limit and quotas', () => {
  it('sends ratelimit-* headers and answers 429 with retry-after past the limit', async () => {
    const fake = await start({ rateLimit: 2, now: () => 1_000_000 }); // a still clock: the three requests share one second
    const a = await post(fake, '/emails', email());
    expect(a.headers.get('ratelimit-limit')).toBe('2');
    expect(a.headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(a.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    await post(fake, '/emails', email());
    const c = await post(fake, '/emails', email());
    expect(c).toMatchObject({ status: 429, body: { name: 'rate_limit_exceeded' } });
    expect(c.headers.get('retry-after')).toBe('1');
    expect(c.headers.get('ratelimit-remaining')).toBe('0');
    expect(fake.stats().totalMessages).toBe(2);
  });

  it('frees the window after a second (sliding window over admitted requests)', async () => {
    let clock = 1_000_000;
    const fake = await start({ rateLimit: 1, now: () => clock });
    expect((await post(fake, '/emails', email())).status).toBe(200);
    clock += 999;
    expect((await post(fake, '/emails', email())).status).toBe(429);
    clock += 2;
    expect((await post(fake, '/emails', email())).status).toBe(200);
  });

  it('counts each recipient against the daily quota', async () => {
    const fake = await start({ dailyQuota: 3 });
    expect((await post(fake, '/emails', email(['a@paperboy.test', 'b@paperboy.test']))).status).toBe(200);
    const over = await post(fake, '/emails', email(['c@paperboy.test', 'd@paperboy.test']));
    expect(over).toMatchObject({ status: 429, body: { name: 'daily_quota_exceeded' } });
    expect((await post(fake, '/emails', email('c@paperboy.test'))).status).toBe(200);
  });

  it('resets the daily quota on the next UTC day but not the monthly one', async () => {
    let clock = Date.parse('2026-08-21T23:59:00Z');
    const fake = await start({ dailyQuota: 1, monthlyQuota: 2, now: () => clock });
    expect((await post(fake, '/emails', email())).status).toBe(200);
    expect((await post(fake, '/emails', email())).body.name).toBe('daily_quota_exceeded');
    clock += 2 * 60_000;
    expect((await post(fake, '/emails', email())).status).toBe(200);
    clock += 24 * 3600_000;
    expect((await post(fake, '/emails', email())).body.name).toBe('monthly_quota_exceeded');
  });
});

describe('fake Resend: idempotency', () => {
  it('replays the first answer for the same key and payload, and sends nothing', async () => {
    const fake = await start();
    const body = [email('a@paperboy.test')];
    const first = await post(fake, '/emails/batch', body, { 'idempotency-key': 'k' });
    const second = await post(fake, '/emails/batch', body, { 'idempotency-key': 'k' });
    expect(second.body).toEqual(first.body);
    expect(fake.stats()).toMatchObject({ totalMessages: 1, replayedRequests: 1 });
  });

  it('409 invalid_idempotent_request for the same key with another payload', async () => {
    const fake = await start();
    await post(fake, '/emails', email('a@paperboy.test'), { 'idempotency-key': 'k' });
    const other = await post(fake, '/emails', email('b@paperboy.test'), { 'idempotency-key': 'k' });
    expect(other).toMatchObject({ status: 409, body: { name: 'invalid_idempotent_request' } });
  });

  it('409 concurrent_idempotent_requests while the first is in flight', async () => {
    const fake = await start({ latencyMs: 200 });
    const first = post(fake, '/emails', email(), { 'idempotency-key': 'k' });
    await new Promise((r) => setTimeout(r, 50));
    const second = await post(fake, '/emails', email(), { 'idempotency-key': 'k' });
    expect(second).toMatchObject({ status: 409, body: { name: 'concurrent_idempotent_requests' } });
    expect((await first).status).toBe(200);
  });

  it('forgets keys after 24 hours', async () => {
    let clock = 1_000_000;
    const fake = await start({ now: () => clock });
    await post(fake, '/emails', email(), { 'idempotency-key': 'k' });
    clock += 24 * 3600_000 - 1;
    expect((await post(fake, '/emails', email('b@paperboy.test'), { 'idempotency-key': 'k' })).status).toBe(409);
    clock += 1;
    expect((await post(fake, '/emails', email('b@paperboy.test'), { 'idempotency-key': 'k' })).status).toBe(200);
  });

  it('400 invalid_idempotency_key past 256 characters', async () => {
    const fake = await start();
    const answer = await post(fake, '/emails', email(), { 'idempotency-key': 'k'.repeat(257) });
    expect(answer).toMatchObject({ status: 400, body: { name: 'invalid_idempotency_key' } });
  });

  it('does not keep a refused request under its key, so the corrected payload may use it', async () => {
    const fake = await start();
    expect((await post(fake, '/emails', email('bad'), { 'idempotency-key': 'k' })).status).toBe(422);
    expect((await post(fake, '/emails', email(), { 'idempotency-key': 'k' })).status).toBe(200);
  });
});

describe('fake Resend: scripted failures and stats', () => {
  it('plays the script in order, one step per request', async () => {
    const fake = await start({
      script: [
        { kind: 'status', status: 503 },
        { kind: 'quota', which: 'monthly' },
      ],
    });
    expect((await post(fake, '/emails', email())).status).toBe(503);
    expect((await post(fake, '/emails', email())).body.name).toBe('monthly_quota_exceeded');
    expect((await post(fake, '/emails', email())).status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 429, 200]);
  });

  it('holds a request until it is released, then serves it normally or as the given step says', async () => {
    const fake = await start({ script: [{ kind: 'hold' }, { kind: 'hold' }] });
    const first = post(fake, '/emails', email('a@paperboy.test'));
    const second = post(fake, '/emails', email('b@paperboy.test'));
    while (fake.held().length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(fake.held().map((r) => r.status)).toEqual(['held', 'held']);
    const [a, b] = fake.held();
    fake.release(b!.seq, { kind: 'rate-limit', retryAfterS: 3 });
    const limited = await second;
    expect(limited).toMatchObject({ status: 429, body: { name: 'rate_limit_exceeded' } });
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(fake.held()).toEqual([a]);
    fake.release(a!.seq);
    expect((await first).status).toBe(200);
    expect(fake.messages.map((m) => m.to)).toEqual([['a@paperboy.test']]);
    expect(() => fake.release(a!.seq)).toThrow(/no request/);
  });

  it('a hang with ms destroys the connection after that time', async () => {
    const fake = await start({ script: [{ kind: 'hang', ms: 100 }] });
    await expect(post(fake, '/emails', email())).rejects.toThrow();
    expect(fake.requests[0]!.status).toBe('hung');
  });

  it('counts per recipient, duplicates and requests in any one-second window', async () => {
    let clock = 5_000;
    const fake = await start({ now: () => clock });
    for (const step of [0, 100, 900, 1_050, 3_000]) {
      clock = 5_000 + step;
      await post(fake, '/emails', email(step === 3_000 ? 'b@paperboy.test' : 'a@paperboy.test'));
    }
    const stats = fake.stats();
    expect(stats).toMatchObject({
      totalRequests: 5,
      totalMessages: 5,
      recipients: 2,
      duplicatedRecipients: 1,
      duplicateMessages: 3,
      byRecipient: { 'a@paperboy.test': 4, 'b@paperboy.test': 1 },
      maxRequestsInAnySecond: 3,
      perSecond: { '5': 3, '6': 1, '8': 1 },
    });
    expect(fake.maxRequestsInWindow(200)).toBe(2);
  });
});

describe('fake Resend as its own process', () => {
  it('starts on a port, serves /_stats and /_reset, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/fake-resend-main.ts', '--port', '0', '--rate', '50'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve) => lines.once('line', resolve));
      const { url } = JSON.parse(first) as { url: string };
      const res = await fetch(`${url}/emails`, {
        method: 'POST',
        headers: { authorization: 'Bearer re_test_key', 'user-agent': 't', 'content-type': 'application/json' },
        body: JSON.stringify(email('x@paperboy.test')),
      });
      expect(res.headers.get('ratelimit-limit')).toBe('50');
      const stats = (await (await fetch(`${url}/_stats`)).json()) as { perSecond: Record<string, number> };
      expect(stats).toMatchObject({ totalRequests: 1, totalMessages: 1, byRecipient: { 'x@paperboy.test': 1 } });
      expect(Object.values(stats.perSecond)).toEqual([1]);
      await fetch(`${url}/_script`, { method: 'POST', body: JSON.stringify([{ kind: 'status', status: 500 }]) });
      const failed = await fetch(`${url}/emails`, {
        method: 'POST',
        headers: { authorization: 'Bearer re_test_key', 'user-agent': 't' },
        body: JSON.stringify(email()),
      });
      expect(failed.status).toBe(500);
      await fetch(`${url}/_reset`, { method: 'POST' });
      expect(await (await fetch(`${url}/_stats`)).json()).toMatchObject({ totalRequests: 0, totalMessages: 0 });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
