import { senderDomain } from './senders.ts';

/** The parsed variables the guard looks at (a slice of the schema's output). */
export interface GuardedEnv {
  readonly NODE_ENV: 'development' | 'production' | 'test';
  readonly MAIL_TRANSPORT: 'outbox' | 'smtp' | 'resend';
  readonly LINK_SECRETS: readonly string[];
  readonly PUBLIC_BASE_URL: string;
  readonly POSTAL_ADDRESS: string;
  readonly MAIL_FROM: string;
  readonly TRANSACTIONAL_FROM?: string | undefined;
}

/** The development default of LINK_SECRETS, refused outside development. */
export const DEV_LINK_SECRET = 'dev-only-link-secret-change-me';
/** The example POSTAL_ADDRESS, refused outside development. */
export const EXAMPLE_POSTAL_ADDRESS = 'Paperboy, 1 Example Street, 00000 Example City';
/** The development sender: `.localhost` never resolves, so providers refuse it and inboxes distrust it. */
export const DEV_MAIL_FROM = 'Paperboy <digest@paperboy.localhost>';

/** The shortest link secret accepted outside development: HMAC-SHA256 wants a key of at least its output size. */
export const MIN_LINK_SECRET_BYTES = 32;

/**
 * Development is the outbox with NODE_ENV other than production. Anything else mails real people, so the
 * development defaults (public secrets, localhost links, the example address) would reach their inboxes.
 */
export function isOutsideDevelopment(e: Pick<GuardedEnv, 'NODE_ENV' | 'MAIL_TRANSPORT'>): boolean {
  return e.NODE_ENV === 'production' || e.MAIL_TRANSPORT !== 'outbox';
}

const LOCAL_HOSTS = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])$/i;

function linkSecretProblem(secrets: readonly string[]): string | undefined {
  const dev = secrets.find((s) => s === DEV_LINK_SECRET || /dev-only|change-?me/i.test(s));
  if (dev !== undefined) return 'the development default is public';
  const short = secrets.find((s) => Buffer.byteLength(s, 'utf8') < MIN_LINK_SECRET_BYTES);
  if (short !== undefined) return `each secret needs at least ${MIN_LINK_SECRET_BYTES} bytes`;
  return undefined;
}

function baseUrlProblem(url: string): string | undefined {
  const parsed = new URL(url);
  if (LOCAL_HOSTS.test(parsed.hostname)) return `${parsed.hostname} is not reachable by subscribers`;
  if (parsed.protocol !== 'https:') return 'one-click unsubscribe (RFC 8058) needs https';
  return undefined;
}

/**
 * What is unsafe outside development, one line per variable (`  NAME: why; what to set`), empty when all is well.
 * `when` says which setting made the check apply, so the operator knows why development values stopped working.
 */
export function productionProblems(e: GuardedEnv): string[] {
  if (!isOutsideDevelopment(e)) return [];
  const when = e.NODE_ENV === 'production' ? 'NODE_ENV=production' : `MAIL_TRANSPORT=${e.MAIL_TRANSPORT}`;
  const problems: string[] = [];
  const secret = linkSecretProblem(e.LINK_SECRETS);
  if (secret !== undefined) {
    problems.push(
      `  LINK_SECRETS: ${secret} (refused when ${when}); set a random secret of at least ` +
        `${MIN_LINK_SECRET_BYTES} bytes (openssl rand -base64 32)`,
    );
  }
  const base = baseUrlProblem(e.PUBLIC_BASE_URL);
  if (base !== undefined) {
    problems.push(
      `  PUBLIC_BASE_URL: ${base} (refused when ${when}); set the https:// address subscribers reach, ` +
        'e.g. https://paperboy.example.org',
    );
  }
  if (e.POSTAL_ADDRESS === EXAMPLE_POSTAL_ADDRESS || /\bexample (street|city)\b/i.test(e.POSTAL_ADDRESS)) {
    problems.push(
      `  POSTAL_ADDRESS: the example address (refused when ${when}); set your real postal address, ` +
        'which every email must carry (CAN-SPAM)',
    );
  }
  const senders = [
    ['MAIL_FROM', e.MAIL_FROM, 'digest'],
    ['TRANSACTIONAL_FROM', e.TRANSACTIONAL_FROM, 'account'],
  ] as const;
  for (const [name, from, local] of senders) {
    if (from === undefined) continue;
    const domain = senderDomain(from);
    if (domain === 'localhost' || domain.endsWith('.localhost')) {
      problems.push(
        `  ${name}: ${domain} is a development domain (refused when ${when}); set a sender on a domain ` +
          `you send from, e.g. Paperboy <${local}@paperboy.example.org>`,
      );
    }
  }
  return problems;
}
