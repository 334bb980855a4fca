import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { safeHeaders } from './headers.ts';
import type { MailTransport, OutgoingMessage, SendBatchOptions, SendOutcome } from './message.ts';

/**
 * A file name that is safe on every filesystem and says whose message it is, never the address itself: the n-th
 * distinct message of a kind to one person on one day is `<kind>-<n>-<who>` (the first is `<kind>-<who>`), so the
 * name still ends with the subscriber id.
 */
function fileStem(message: OutgoingMessage, n: number): string {
  const who =
    message.tags.subscriber ?? createHash('sha256').update(message.to.toLowerCase()).digest('hex').slice(0, 16);
  const kind = message.tags.kind ?? 'digest';
  return (n === 1 ? `${kind}-${who}` : `${kind}-${n}-${who}`).replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The stem to write a message under: the file that already holds this very message (same Message-ID: a retry
 * replaces it, never a second copy), else the first free one (a second email the same day keeps the first).
 */
async function stemFor(folder: string, message: OutgoingMessage, messageId: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const stem = fileStem(message, n);
    const existing = await readFile(join(folder, `${stem}.eml`), 'utf8').catch(() => undefined);
    if (existing === undefined || existing.includes(messageId)) return stem;
  }
}

/**
 * Builds the RFC 5322 source (multipart/alternative with text and HTML parts) with CRLF line endings throughout, as
 * on the wire: nodemailer writes CRLF between header lines but keeps a body's own line breaks as they are (the
 * templates write bare LF) unless told `newline: 'windows'`.
 */
export async function composeEml(message: OutgoingMessage, messageId?: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: safeHeaders(message.headers),
    newline: 'windows',
    ...(messageId ? { messageId } : {}),
  });
  return composer.compile().build();
}

/**
 * Writes each message as `<dir>/<date>/<kind>-<subscriber>.eml` plus the `.html` beside it for a browser.
 * Writing the same message again (same idempotency key) replaces the file, so retries never make a second copy; a
 * different message of the same kind to the same person that day goes to `<kind>-2-<subscriber>.eml`, and so on.
 */
export class OutboxTransport implements MailTransport {
  readonly name = 'outbox';
  readonly maxBatchSize = 100;
  private readonly dir: string;

  constructor(options: { dir: string }) {
    this.dir = resolve(options.dir);
  }

  async sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]> {
    const folder = join(this.dir, options.date);
    await mkdir(folder, { recursive: true });
    await options.beforeRequest?.();
    return Promise.all(
      messages.map(async (message, index): Promise<SendOutcome> => {
        const domain = message.from.match(/@([^>\s]+)/)?.[1] ?? 'paperboy.localhost';
        const messageId = `<${options.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}.${index}@${domain}>`;
        const stem = await stemFor(folder, message, messageId);
        const eml = await composeEml(message, messageId);
        await atomicWrite(join(folder, `${stem}.eml`), eml);
        await atomicWrite(join(folder, `${stem}.html`), message.html);
        return { index, status: 'sent', providerId: `outbox:${options.date}/${stem}` };
      }),
    );
  }

  /** Where a date's messages go. */
  folderFor(date: string): string {
    return join(this.dir, date);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function atomicWrite(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`; // unique: two sends may write one path at once
  await writeFile(tmp, data);
  await rename(tmp, path);
}
