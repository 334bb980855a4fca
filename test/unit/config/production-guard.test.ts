import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { safeProductionEnv } from '../../support/production-env.ts';

/** The line of loadConfig's ConfigError that names `name` (fails the test when it loads or names nothing). */
function refusal(env: Record<string, string>, name: string): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const line = (error as ConfigError).message.split('\n').find((l) => l.trim().startsWith(`${name}:`));
    expect(line, (error as ConfigError).message).toBeDefined();
    return line!;
  }
  throw new Error(`expected loadConfig to refuse ${name}=${env[name] ?? '(default)'}`);
}

const production = (overrides: Record<string, string> = {}) =>
  safeProductionEnv({ NODE_ENV: 'production', ...overrides });
const unset = (name: string) => {
  const { [name]: _dropped, ...rest } = production();
  return rest;
};

describe('the production guard', () => {
  it('lets safe production settings start', () => {
    const config = loadConfig(production());
    expect(config.env).toBe('production');
    expect(config.web.publicBaseUrl).toBe('https://paperboy.test');
  });

  it.each([
    ['LINK_SECRETS', unset('LINK_SECRETS'), /development default.*at least 32 bytes.*openssl rand/],
    ['LINK_SECRETS', production({ LINK_SECRETS: 'dev-only-but-long-enough-secret-0123456789' }), /development default/],
    ['LINK_SECRETS', production({ LINK_SECRETS: 'please-change-me-before-going-live-0123456789' }), /development/],
    ['LINK_SECRETS', production({ LINK_SECRETS: 'thirty-one-bytes-is-one-too-few' }), /at least 32 bytes/],
    [
      'LINK_SECRETS',
      production({ LINK_SECRETS: 'a-current-secret-of-at-least-32-bytes-123, an-old-short-secret-1' }),
      /at least 32 bytes/,
    ],
    ['PUBLIC_BASE_URL', unset('PUBLIC_BASE_URL'), /localhost is not reachable.*https:\/\//],
    ['PUBLIC_BASE_URL', production({ PUBLIC_BASE_URL: 'http://paperboy.example.org' }), /needs https/],
    ['PUBLIC_BASE_URL', production({ PUBLIC_BASE_URL: 'https://localhost:3000' }), /not reachable/],
    ['PUBLIC_BASE_URL', production({ PUBLIC_BASE_URL: 'https://paperboy.localhost' }), /not reachable/],
    ['PUBLIC_BASE_URL', production({ PUBLIC_BASE_URL: 'https://127.0.0.1' }), /not reachable/],
    ['POSTAL_ADDRESS', unset('POSTAL_ADDRESS'), /example address.*real postal address/],
    ['MAIL_FROM', unset('MAIL_FROM'), /paperboy\.localhost is a development domain.*set a sender/],
    ['MAIL_FROM', production({ MAIL_FROM: 'news@localhost' }), /development domain/],
    ['TRANSACTIONAL_FROM', production({ TRANSACTIONAL_FROM: 'P <account@paperboy.localhost>' }), /development domain/],
  ])('refuses %s (%#) with NODE_ENV=production, saying what to set', (name, env, why) => {
    const line = refusal(env, name);
    expect(line).toMatch(why);
    expect(line).toContain('NODE_ENV=production');
  });

  it('names every unsafe variable at once when nothing is set', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable('production with the defaults must be refused');
    } catch (error) {
      for (const name of ['LINK_SECRETS', 'PUBLIC_BASE_URL', 'POSTAL_ADDRESS', 'MAIL_FROM', 'SUPPRESSION_SECRET']) {
        expect((error as Error).message).toContain(`${name}:`);
      }
    }
  });

  it('applies to a real transport even outside NODE_ENV=production', () => {
    for (const transport of ['smtp', 'resend']) {
      const line = refusal({ MAIL_TRANSPORT: transport, RESEND_API_KEY: 're_test' }, 'LINK_SECRETS');
      expect(line).toContain(`MAIL_TRANSPORT=${transport}`);
      expect(
        loadConfig(safeProductionEnv({ MAIL_TRANSPORT: transport, RESEND_API_KEY: 're_test' })).mail.transport,
      ).toBe(transport);
    }
  });

  it('leaves development (the outbox, NODE_ENV unset or test) on its defaults', () => {
    expect(loadConfig({}).web.publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ NODE_ENV: 'test', MAIL_TRANSPORT: 'outbox' }).links.secrets).toHaveLength(1);
  });
});
