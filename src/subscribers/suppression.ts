import { createHmac } from 'node:crypto';
import { PaperboyError } from '../shared/errors.ts';

/**
 * Erasure keeps one thing about a person who must never be mailed again (they complained, bounced or
 * unsubscribed): a keyed hash of their address, HMAC-SHA256 under SUPPRESSION_SECRET. It cannot be turned back
 * into the address, nor checked against a guessed one without the secret, yet lets import and subscribe recognise
 * the address if it comes back. Keeping a suppression list is the usual GDPR reading of a legitimate interest.
 */
export function suppressionHash(secret: string, emailKey: string): string {
  return createHmac('sha256', secret).update(`suppression:${emailKey}`).digest('base64url');
}

/** An address that was erased while suppressed: it may not be added again. */
export class SuppressedAddressError extends PaperboyError {
  readonly status: string;
  constructor(status: string) {
    super(`this address is suppressed (${status} before it was erased) and may not be added again`, {
      code: 'suppressed',
      retryable: false,
    });
    this.status = status;
  }
}
