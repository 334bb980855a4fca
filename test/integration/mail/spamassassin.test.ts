import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { buildDigestMessage } from '../../../src/deliveries/build-message.ts';
import { OutboxTransport, type OutgoingMessage } from '../../../src/mail/index.ts';
import { render, TEMPLATE_ENGINES, type TemplateEngine } from '../../../src/render/index.ts';
import { createLinkBuilder, type Subscriber } from '../../../src/subscribers/index.ts';
import { buildTransactionalMessage } from '../../../src/transactional/index.ts';
import { templates } from '../../../templates/index.ts';

// Every digest sample and every transactional email, built as the send path builds them (headers included) and
// written by the outbox transport, must score <= 0 with SpamAssassin's local rules (`spamassassin -L -t`, Debian's
// package). CI installs it and sets PAPERBOY_REQUIRE_SPAMASSASSIN=1, so there a missing binary fails instead of
// skipping.
const SPAMASSASSIN = process.env.PAPERBOY_SPAMASSASSIN_PATH ?? '/usr/bin/spamassassin';
const skip = !existsSync(SPAMASSASSIN) && !process.env.PAPERBOY_REQUIRE_SPAMASSASSIN;

const outbox = mkdtempSync(join(tmpdir(), 'paperboy-spam-'));
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

const subscriber: Subscriber = {
  id: 'SpamCheckReader000000A',
  email: 'reader@example.org',
  status: 'active',
  preferences: { topics: ['vlm-reasoning', 'robotics'], perTopic: 3, alsoTrending: true },
  createdAt: '2025-11-20T08:00:00.000Z',
  updatedAt: '2025-11-20T08:00:00.000Z',
  statusChangedAt: '2025-11-20T08:00:00.000Z',
};

function configFor(engine: TemplateEngine) {
  return loadConfig({
    TEMPLATE_ENGINE: engine,
    PUBLIC_BASE_URL: 'https://paperboy.example.org',
    MAIL_FROM: 'Paperboy <digest@paperboy.example.org>',
    POSTAL_ADDRESS: 'Paperboy, 12 Rue des Exemples, 75000 Paris, France',
  });
}

/** Every email of one engine, named, as RFC 5322 sources written by the outbox transport. */
async function messagesOf(engine: TemplateEngine): Promise<{ name: string; eml: string }[]> {
  const config = configFor(engine);
  const issuedAt = new Date('2025-11-24T06:30:00.000Z');
  const links = createLinkBuilder(config, { now: () => issuedAt });
  const settings = {
    from: config.mail.from,
    replyTo: config.mail.replyTo,
    listId: config.mail.listId,
    unsubscribeMailto: config.mail.unsubscribeMailto,
    feedbackSenderId: config.mail.feedbackSenderId,
  };
  const named: { name: string; message: OutgoingMessage }[] = [];
  for (const [sample, props] of Object.entries(templates.digest.samples)) {
    const email = await render('digest', { ...props, context: { ...props.context } }, engine);
    const message = buildDigestMessage(email, subscriber, props.digest.date, links, settings);
    named.push({ name: `digest ${sample}`, message: { ...message, html: message.html, text: message.text } });
  }
  for (const kind of ['confirm', 'preferences-saved', 'goodbye', 'manage-link'] as const)
    named.push({ name: kind, message: await buildTransactionalMessage(config, kind, subscriber, issuedAt) });
  const date = `spam-${engine}`;
  const transport = new OutboxTransport({ dir: outbox });
  const out: { name: string; eml: string }[] = [];
  // One message per call: each gets its own file whatever its kind.
  for (const [i, { name, message }] of named.entries()) {
    await transport.sendBatch([{ ...message, tags: { ...message.tags, kind: `m${i}` } }], {
      idempotencyKey: `spam-${engine}-${i}`,
      date,
    });
    const file = readdirSync(join(outbox, date)).find((f) => f.startsWith(`m${i}-`) && f.endsWith('.eml'))!;
    out.push({ name, eml: readFileSync(join(outbox, date, file), 'utf8') });
  }
  return out;
}

/** Runs one `spamassassin -L -t --mbox` over all the messages; their scores and rule lines, in order. */
function score(messages: { eml: string }[]): Promise<{ score: number; report: string }[]> {
  const mbox = messages
    .map(
      (m) =>
        `From paperboy@localhost Mon Nov 24 06:30:00 2025\n${m.eml.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`,
    )
    .join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(SPAMASSASSIN, ['-L', '-t', '--mbox'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => {
      const parts = out.split(/^From paperboy@localhost /m).slice(1);
      resolve(
        parts.map((part) => {
          const status = /^X-Spam-Status: \w+, score=(-?[\d.]+)/m.exec(part);
          const report = /Content analysis details:[\s\S]*?(?=\n\n|$)/.exec(part)?.[0] ?? '';
          return { score: status ? Number(status[1]) : Number.NaN, report };
        }),
      );
    });
    child.stdin.end(mbox);
  });
}

describe.skipIf(skip)('SpamAssassin (local rules)', { timeout: 300_000 }, () => {
  it('scores every digest and transactional email at <= 0 in both engines', async () => {
    const engines = await Promise.all(
      TEMPLATE_ENGINES.map(async (engine) => ({ engine, messages: await messagesOf(engine) })),
    );
    const scored = await Promise.all(engines.map(({ messages }) => score(messages)));
    const rows: string[] = [];
    engines.forEach(({ engine, messages }, e) => {
      expect(scored[e]).toHaveLength(messages.length);
      messages.forEach((m, i) => {
        const result = scored[e]![i]!;
        rows.push(`${engine} ${m.name}: ${result.score}`);
        expect(result.score, `${engine} ${m.name}\n${result.report}`).toBeLessThanOrEqual(0);
      });
    });
    console.log(`spamassassin -L -t:\n${rows.join('\n')}`);
    expect(rows).toHaveLength(2 * (Object.keys(templates.digest.samples).length + 4));
  });
});
