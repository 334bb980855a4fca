/** Who may call what: Cloudflare's User-Agent rule, bearer auth, and the endpoints and methods that exist. */
import type { IncomingMessage } from 'node:http';
import { errorOutcome, type Outcome } from './types.ts';

/** The first header of that name. */
export const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Why a request is refused before its body matters, or null when it may go on. */
export type Refusal = { kind: 'cloudflare' } | { kind: 'api'; outcome: Outcome } | null;

export function checkAccess(req: IncomingMessage, path: string, apiKey: string): Refusal {
  // Resend sits behind Cloudflare, which refuses requests without a User-Agent with a plain "error code: 1010".
  if (!header(req, 'user-agent')) return { kind: 'cloudflare' };
  const auth = header(req, 'authorization');
  if (!auth?.startsWith('Bearer ') || auth.slice(7).trim() === '') {
    return {
      kind: 'api',
      outcome: errorOutcome(401, 'missing_api_key', 'Missing API key in the authorization header.'),
    };
  }
  if (auth.slice(7).trim() !== apiKey) {
    return { kind: 'api', outcome: errorOutcome(403, 'invalid_api_key', 'API key is invalid.') };
  }
  if (path !== '/emails' && path !== '/emails/batch') {
    return { kind: 'api', outcome: errorOutcome(404, 'not_found', 'The requested endpoint does not exist.') };
  }
  if (req.method !== 'POST') {
    const message = 'Method is not allowed for the requested path.';
    return { kind: 'api', outcome: errorOutcome(405, 'method_not_allowed', message) };
  }
  return null;
}
