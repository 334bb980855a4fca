import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src/mail/message.ts';
import { SmtpTransport, smtpMessageId } from '../../../src/mail/smtp-transport.ts';
import { PermanentError, TransientError } from '../../../src/shared/errors.ts';
import { startTinySmtp, type TinySmtp, type TinySmtpOptions } from './tiny-smtp.ts';

function message(to: string, i = 0): OutgoingMessage {
  return {
    to,
    from: 'Paperboy <digest@paperboy.test>',
    subject: `Digest ${i}`,
    html: `<p>Hello ${i}</p>`,
    text: `Hello ${i}`,
    headers: {
      'List-Unsubscribe': `<https://paperboy.test/u/${i}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: { edition: '2026-08-21' },
  };
}

const opts = { idempotencyKey: 'edition/2026-08-21/b1', date: '2026-08-21' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: TinySmtpOptions = {}, url?: (s: TinySmtp) => string) {
  const smtp = await startTinySmtp(options);
  const transport = new SmtpTransport({ url: url ? url(smtp) : smtp.url, timeoutMs: 2_000, maxConnections: 3 });
  cleanups.push(
    () => smtp.close(),
    () => transport.close(),
  );
  return { smtp, transport };
}

describe('SmtpTransport against a local SMTP server', () => {
  it('sends each message once over a small pool, with a Message-ID derived from the key and recipient', async () => {
    const { smtp, transport } = await setup();
    const msgs = Array.from({ length: 12 }, (_, i) => message(`r${i}@paperboy.test`, i));
    const outcomes = await transport.sendBatch(msgs, opts);

    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(smtp.received).toHaveLength(12);
    expect(smtp.connections).toBeLessThanOrEqual(3);
    const parsed = await simpleParser(smtp.received.find((m) => m.to[0] === 'r5@paperboy.test')!.raw);
    const expected = smtpMessageId(opts.idempotencyKey, msgs[5]!.to, msgs[5]!.from);
    expect(new Set(msgs.map((m) => smtpMessageId(opts.idempotencyKey, m.to, m.from))).size).toBe(12);
    expect(parsed.messageId).toBe(expected);
    expect(outcomes[5]).toEqual({ index: 5, status: 'sent', providerId: expected });
    const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line;
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(line('list-unsubscribe')).toBe('List-Unsubscribe: <https://paperboy.test/u/5>');
    expect(parsed.subject).toBe('Digest 5');
    expect(parsed.text?.trim()).toBe('Hello 5');
  });

  it('puts CRLF line endings on the wire, in the bodies too (nodemailer), as the outbox writes them', async () => {
    const { smtp, transport } = await setup();
    const m = { ...message('lines@paperboy.test'), text: 'one\ntwo\n\nthree', html: '<p>one</p>\n<p>two</p>\n' };
    await transport.sendBatch([m], opts);
    const raw = smtp.received[0]!.raw;
    expect(raw.match(/(?<!\r)\n/g) ?? []).toEqual([]);
    expect((await simpleParser(raw)).text?.replace(/\r\n/g, '\n').trim()).toBe('one\ntwo\n\nthree');
  });

  it('gives the same Message-IDs when the same batch is sent again', async () => {
    const { smtp, transport } = await setup();
    const msgs = [message('a@paperboy.test', 0), message('b@paperboy.test', 1)];
    const first = await transport.sendBatch(msgs, opts);
    const second = await transport.sendBatch(msgs, opts);
    expect(second).toEqual(first);
    const ids = await Promise.all(smtp.received.map(async (m) => (await simpleParser(m.raw)).messageId));
    expect(new Set(ids).size).toBe(2);
    const other = await transport.sendBatch(msgs, { ...opts, idempotencyKey: 'edition/2026-08-21/b2' });
    expect(other[0]).not.toEqual(first[0]);
  });

  it('a 5xx refusal fails that message alone, permanently, with the server reply', async () => {
    const { smtp, transport } = await setup();
    const outcomes = await transport.sendBatch(
      [message('a@paperboy.test'), message('reject@paperboy.test'), message('spam@paperboy.test')],
      opts,
    );
    expect(outcomes[0]!.status).toBe('sent');
    expect(outcomes[1]).toMatchObject({
      status: 'failed',
      code: 'smtp_550',
      reason: expect.stringContaining('No such user'),
    });
    expect(outcomes[2]).toMatchObject({ status: 'failed', code: 'smtp_554' });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['a@paperboy.test']);
  });

  it('a 4xx that persists while others were sent is reported as smtp_transient (no batch re-send)', async () => {
    const { smtp, transport } = await setup();
    const outcomes = await transport.sendBatch([message('a@paperboy.test'), message('defer@paperboy.test')], opts);
    expect(outcomes[0]!.status).toBe('sent');
    expect(outcomes[1]).toMatchObject({
      status: 'failed',
      code: 'smtp_transient',
      reason: expect.stringContaining('451'),
    });
    expect(smtp.received).toHaveLength(1);
  });

  it('throws TransientError when every message met a 4xx (nothing was sent)', async () => {
    const { transport } = await setup();
    const err = await transport
      .sendBatch([message('defer1@paperboy.test'), message('defer2@paperboy.test')], opts)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ code: 'smtp_unavailable' });
  });

  it('throws TransientError when the server drops every connection', async () => {
    const { transport } = await setup({ dropConnections: true });
    await expect(transport.sendBatch([message('a@paperboy.test')], opts)).rejects.toBeInstanceOf(TransientError);
  });

  it('throws TransientError when nothing listens', async () => {
    const { smtp, transport } = await setup();
    await smtp.close();
    await expect(transport.sendBatch([message('a@paperboy.test')], opts)).rejects.toBeInstanceOf(TransientError);
  });

  it('throws PermanentError smtp_auth when the credentials are refused', async () => {
    const { transport } = await setup({ rejectAuth: true }, (s) => `smtp://user:secret@127.0.0.1:${s.port}`);
    const err = await transport.sendBatch([message('a@paperboy.test')], opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'smtp_auth' });
  });

  it('refuses a batch larger than maxBatchSize', async () => {
    const { transport } = await setup();
    const msgs = Array.from({ length: transport.maxBatchSize + 1 }, (_, i) => message(`r${i}@paperboy.test`));
    await expect(transport.sendBatch(msgs, opts)).rejects.toMatchObject({ code: 'batch_too_large' });
  });
});
