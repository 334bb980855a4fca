/**
 * Settings that pass the production guard (src/config/production-guard.ts): what a real deployment would set.
 * Every test that runs outside development (NODE_ENV=production, or MAIL_TRANSPORT smtp/resend against a fake
 * provider) starts from these, so the guard stays strict and the tests still run.
 */
export const SAFE_PRODUCTION_ENV: Readonly<Record<string, string>> = Object.freeze({
  LINK_SECRETS: 'test-link-secret-of-at-least-32-bytes-0123456789',
  PUBLIC_BASE_URL: 'https://paperboy.test',
  POSTAL_ADDRESS: 'Paperboy Test Ltd, 12 Harbour Road, 4000 Testville',
  MAIL_FROM: 'Paperboy <digest@paperboy.test>',
  SUPPRESSION_SECRET: 'test-suppression-secret-0123456789',
});

/** SAFE_PRODUCTION_ENV with `overrides` on top (a test's own variables win). */
export function safeProductionEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...SAFE_PRODUCTION_ENV, ...overrides };
}
