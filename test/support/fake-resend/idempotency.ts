/**
 * Resend's idempotency store: a key maps to the payload hash and, once answered, the answer, kept 24 hours. Where
 * Resend leaves a behaviour undocumented the fake chooses: error answers are not kept under the key (a refused
 * request may be corrected and sent again with it), and payloads are compared byte for byte.
 */
type Stored =
  | { state: 'in-flight'; hash: string }
  | { state: 'done'; hash: string; status: number; body: string; expiresAt: number };

/** What the store says about a request carrying a key. */
export type KeyVerdict =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'conflict'; name: 'invalid_idempotent_request' | 'concurrent_idempotent_requests'; message: string };

export class IdempotencyStore {
  private entries = new Map<string, Stored>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Looks the key up; a new key is marked in flight until `settle`. */
  begin(key: string, hash: string): KeyVerdict {
    let stored = this.entries.get(key);
    if (stored?.state === 'done' && stored.expiresAt <= this.now()) {
      this.entries.delete(key);
      stored = undefined;
    }
    if (stored && stored.hash !== hash) {
      const message = 'Same idempotency key used with a different request payload.';
      return { kind: 'conflict', name: 'invalid_idempotent_request', message };
    }
    if (stored?.state === 'in-flight') {
      const message = 'Same idempotency key used while original request is still in progress.';
      return { kind: 'conflict', name: 'concurrent_idempotent_requests', message };
    }
    if (stored?.state === 'done') return { kind: 'replay', status: stored.status, body: stored.body };
    this.entries.set(key, { state: 'in-flight', hash });
    return { kind: 'new' };
  }

  /** Keeps an answer that created emails under the key; forgets the key after any other answer. */
  settle(key: string, hash: string, status: number, body: unknown): void {
    if (status < 300) {
      const text = JSON.stringify(body);
      this.entries.set(key, { state: 'done', hash, status, body: text, expiresAt: this.now() + this.ttlMs });
    } else {
      this.entries.delete(key);
    }
  }

  reset(): void {
    this.entries = new Map();
  }
}
