/** What the fake saw: every API request and every accepted email, with counts per recipient and per second. */
import { randomUUID } from 'node:crypto';
import type { FakeResendStats, RecordedMessage, RecordedRequest } from './types.ts';
import { addressList, bareAddress, recipientsOf } from './validate.ts';

/** The most timestamps (sorted ascending) that fit in any half-open window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const addressKey = (a: string) => bareAddress(a) ?? a.toLowerCase();

export class Recorder {
  requests: RecordedRequest[] = [];
  messages: RecordedMessage[] = [];
  private seq = 0;
  private totalMessages = 0;
  private byRecipient = new Map<string, number>();
  private perSecond = new Map<number, number>();

  constructor(private readonly options: { recordMessages: boolean; keepBodies: boolean }) {}

  /** Logs a request as it arrives (before anything is decided about it). */
  request(fields: Omit<RecordedRequest, 'seq' | 'status' | 'emails' | 'replayed'>): RecordedRequest {
    const record: RecordedRequest = { seq: ++this.seq, status: 0, emails: 0, replayed: false, ...fields };
    this.requests.push(record);
    const second = Math.floor(record.at / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    return record;
  }

  /** Records accepted emails and returns their new ids. */
  accept(emails: Record<string, unknown>[], record: RecordedRequest): string[] {
    return emails.map((e, index) => {
      const id = randomUUID();
      this.totalMessages++;
      for (const r of recipientsOf(e)) this.byRecipient.set(r, (this.byRecipient.get(r) ?? 0) + 1);
      if (!this.options.recordMessages) return id;
      const rec: RecordedMessage = {
        id,
        requestSeq: record.seq,
        index,
        at: record.at,
        idempotencyKey: record.idempotencyKey,
        from: e.from as string,
        to: addressList(e.to) as string[],
        subject: e.subject as string,
        replyTo: (addressList(e.reply_to) as string[] | undefined) ?? [],
        headers: (e.headers as Record<string, string> | undefined) ?? {},
        tags: (e.tags as { name: string; value: string }[] | undefined) ?? [],
      };
      if (this.options.keepBodies) {
        if (typeof e.html === 'string') rec.html = e.html;
        if (typeof e.text === 'string') rec.text = e.text;
      }
      this.messages.push(rec);
      return id;
    });
  }

  countFor(address: string): number {
    return this.byRecipient.get(addressKey(address)) ?? 0;
  }

  messagesTo(address: string): RecordedMessage[] {
    const want = addressKey(address);
    return this.messages.filter((m) => m.to.some((t) => addressKey(t) === want));
  }

  maxRequestsInWindow(windowMs = 1000, filter: (r: RecordedRequest) => boolean = () => true): number {
    return maxInWindow(
      this.requests.filter(filter).map((r) => r.at),
      windowMs,
    );
  }

  stats(opts: { byRecipient?: boolean } = {}): FakeResendStats {
    const statusCounts: Record<string, number> = {};
    let accepted = 0;
    let replayed = 0;
    for (const r of this.requests) {
      statusCounts[String(r.status)] = (statusCounts[String(r.status)] ?? 0) + 1;
      if (typeof r.status === 'number' && r.status < 300 && !r.replayed) accepted++;
      if (r.replayed) replayed++;
    }
    let dupRecipients = 0;
    let dupMessages = 0;
    for (const n of this.byRecipient.values()) {
      if (n > 1) {
        dupRecipients++;
        dupMessages += n - 1;
      }
    }
    const ok = this.requests.filter((r) => typeof r.status === 'number' && r.status < 300).map((r) => r.at);
    return {
      totalRequests: this.requests.length,
      acceptedRequests: accepted,
      replayedRequests: replayed,
      statusCounts,
      totalMessages: this.totalMessages,
      recipients: this.byRecipient.size,
      duplicatedRecipients: dupRecipients,
      duplicateMessages: dupMessages,
      ...(opts.byRecipient === false ? {} : { byRecipient: Object.fromEntries(this.byRecipient) }),
      perSecond: Object.fromEntries([...this.perSecond].map(([s, n]) => [String(s), n])),
      maxRequestsInAnySecond: maxInWindow(
        this.requests.map((r) => r.at),
        1000,
      ),
      maxAcceptedInAnySecond: maxInWindow(ok, 1000),
      firstRequestAt: this.requests[0]?.at ?? null,
      lastRequestAt: this.requests.at(-1)?.at ?? null,
    };
  }

  reset(): void {
    this.seq = 0;
    this.requests = [];
    this.messages = [];
    this.totalMessages = 0;
    this.byRecipient = new Map();
    this.perSecond = new Map();
  }
}
