import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxTransport, type OutgoingMessage } from '../../../src/mail/index.ts';

const DATE = '2025-11-24';

function message(subject: string): OutgoingMessage {
  return {
    from: 'Paperboy <paperboy@example.org>',
    to: 'reader@example.org',
    subject,
    text: subject,
    html: `<p>${subject}</p>`,
    headers: {},
    tags: { kind: 'confirm', subscriber: 'sub_1' },
  };
}

describe('OutboxTransport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperboy-outbox-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a second email of the same kind to the same person on the same day, and a retry makes no copy', async () => {
    const outbox = new OutboxTransport({ dir });
    await outbox.sendBatch([message('first')], { date: DATE, idempotencyKey: 'key-1' });
    await outbox.sendBatch([message('second')], { date: DATE, idempotencyKey: 'key-2' });
    // The first one sent again (a retry under the same key) replaces its own file.
    await outbox.sendBatch([message('first')], { date: DATE, idempotencyKey: 'key-1' });

    const files = (await readdir(join(dir, DATE))).sort();
    expect(files).toEqual(['confirm-2-sub_1.eml', 'confirm-2-sub_1.html', 'confirm-sub_1.eml', 'confirm-sub_1.html']);
    expect(await readFile(join(dir, DATE, 'confirm-sub_1.html'), 'utf8')).toContain('first');
    expect(await readFile(join(dir, DATE, 'confirm-2-sub_1.html'), 'utf8')).toContain('second');
  });

  it('writes CRLF line endings throughout: headers and both bodies, whatever the templates used', async () => {
    const outbox = new OutboxTransport({ dir });
    const text = `Daily Papers\n\nA paper: é and ü\n${'word '.repeat(40)}\nlast line`;
    const html = `<html>\n<body>\n<p>${'x'.repeat(300)}</p>\n<p>é</p>\n</body>\n</html>\n`;
    const m = { ...message('line endings'), text, html, tags: { kind: 'digest', subscriber: 'sub_2' } };
    await outbox.sendBatch([m], { date: DATE, idempotencyKey: 'key-crlf' });

    const eml = await readFile(join(dir, DATE, 'digest-sub_2.eml'), 'utf8');
    expect(eml.match(/(?<!\r)\n/g) ?? []).toEqual([]); // no bare LF
    expect(eml.match(/\r(?!\n)/g) ?? []).toEqual([]); // no bare CR
    const parsed = await simpleParser(eml);
    expect(parsed.text?.replace(/\r\n/g, '\n').trim()).toBe(text.trim());
    expect((parsed.html || '').replace(/\r\n/g, '\n')).toContain('<p>é</p>');
  });
});
