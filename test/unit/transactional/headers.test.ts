import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { composeEml } from '../../../src/mail/outbox-transport.ts';
import type { TransactionalKind } from '../../../src/queue/index.ts';
import type { Subscriber } from '../../../src/subscribers/index.ts';
import { buildTransactionalMessage } from '../../../src/transactional/index.ts';

const config = loadConfig({
  MAIL_FROM: 'Paperboy <digest@paperboy.example.org>',
  MAIL_REPLY_TO: 'editor@paperboy.example.org',
  LIST_UNSUBSCRIBE_MAILTO: 'unsubscribe@paperboy.example.org',
  PUBLIC_BASE_URL: 'https://paperboy.example.org',
  LOG_LEVEL: 'silent',
});

const subscriber: Subscriber = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  email: 'reader@example.org',
  status: 'active',
  preferences: { topics: ['robotics'], perTopic: 3, alsoTrending: true },
  createdAt: '2025-11-20T08:00:00.000Z',
  updatedAt: '2025-11-20T08:00:00.000Z',
  statusChangedAt: '2025-11-20T08:00:00.000Z',
};

/** The header lines of the .eml the outbox would write, by lower-case name. */
async function headersOf(kind: TransactionalKind) {
  const message = await buildTransactionalMessage(config, kind, subscriber, new Date('2025-11-24T09:00:00Z'));
  const parsed = await simpleParser(await composeEml(message, '<m@paperboy.example.org>'));
  return { message, parsed, keys: parsed.headerLines.map((l) => l.key) };
}

describe('transactional email headers', () => {
  it('defaults the transactional sender to account@ the digest sender domain', () => {
    expect(config.mail.transactionalFrom).toBe('Paperboy <account@paperboy.example.org>');
    expect(config.mail.feedbackSenderId).toBe('paperboyexample');
    expect(loadConfig({ TRANSACTIONAL_FROM: 'Paperboy <hello@x.example>' }).mail.transactionalFrom).toBe(
      'Paperboy <hello@x.example>',
    );
  });

  it.each(['confirm', 'preferences-saved', 'goodbye', 'manage-link'] as const)(
    '%s: its own From, the Reply-To, a Feedback-ID naming the kind, no List-Id',
    async (kind) => {
      const { parsed, keys } = await headersOf(kind);
      expect(parsed.from?.value).toEqual([{ name: 'Paperboy', address: 'account@paperboy.example.org' }]);
      expect(parsed.replyTo?.text).toBe('editor@paperboy.example.org');
      expect(keys).not.toContain('list-id');
      expect(parsed.headers.get('feedback-id')).toBe(`${kind}:transactional:paperboy:paperboyexample`);
    },
  );

  it('offers one-click unsubscribe to subscribed readers only (preferences saved, fresh link)', async () => {
    for (const kind of ['preferences-saved', 'manage-link'] as const) {
      const { message } = await headersOf(kind);
      expect(message.headers['List-Unsubscribe']).toMatch(
        /^<https:\/\/paperboy\.example\.org\/unsubscribe\?token=[\w.-]+>, <mailto:unsubscribe@paperboy\.example\.org\?subject=unsubscribe>$/,
      );
      expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    }
    for (const kind of ['confirm', 'goodbye'] as const) {
      const { keys } = await headersOf(kind);
      expect(keys).not.toContain('list-unsubscribe');
      expect(keys).not.toContain('list-unsubscribe-post');
    }
  });
});
