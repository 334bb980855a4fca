import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { safeProductionEnv, SAFE_PRODUCTION_ENV } from '../../support/production-env.ts';

/** The ConfigError loadConfig throws for this environment (fails the test when it does not throw). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected loadConfig to reject ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'paperboy' });
    expect(config.papers.apiUrl).toBe('https://huggingface.co/api');
    expect(config.mail.transport).toBe('outbox');
    expect(config.mail.outboxDir).toBe('outbox');
    expect(config.mail.from).toMatch(/@/);
    expect(config.mail.resend.apiKey).toBeUndefined();
    expect(config.mail.smtpUrl).toMatch(/^smtp:\/\//);
    expect(config.web.publicBaseUrl).toMatch(/^https?:\/\//);
    expect(config.links.secrets.length).toBeGreaterThan(0);
    expect(config.send.rate).toBeGreaterThan(0);
    expect(config.send.batchSize).toBeGreaterThanOrEqual(1);
  });

  it('reads the variables it is given, trimmed, and ignores empty ones', () => {
    const config = loadConfig({
      ...SAFE_PRODUCTION_ENV,
      REDIS_URL: ' redis://redis.internal:6380/2 ',
      REDIS_PREFIX: 'paperboy-staging',
      PAPERS_API_URL: 'http://127.0.0.1:9999/api/',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://mail:1025',
      LINK_SECRETS: 'a-new-secret-of-32-characters-xx, an-old-secret-still-valid-0123456',
      SEND_RATE: '',
      PUBLIC_BASE_URL: 'https://paperboy.example.org',
    });
    expect(config.redis).toEqual({ url: 'redis://redis.internal:6380/2', prefix: 'paperboy-staging' });
    expect(config.papers.apiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.mail.transport).toBe('smtp');
    expect(config.mail.smtpUrl).toBe('smtp://mail:1025');
    expect(config.links.secrets).toEqual(['a-new-secret-of-32-characters-xx', 'an-old-secret-still-valid-0123456']);
    expect(config.send.rate).toBe(loadConfig({}).send.rate);
    expect(config.web.publicBaseUrl).toBe('https://paperboy.example.org');
  });

  it.each([
    ['REDIS_URL', 'http://127.0.0.1:6379', /redis:\/\//],
    ['REDIS_PREFIX', 'has spaces', /letters, digits/],
    ['MAIL_TRANSPORT', 'pigeon', /outbox, smtp or resend/],
    ['SEND_RATE', 'fast', /number/],
    ['SEND_RATE', '0', /at least/],
    ['SEND_BATCH_SIZE', '2.5', /whole number/],
    ['LINK_SECRETS', 'too-short', /16 characters/],
    ['LINK_SECRETS', 'a-long-enough-secret-1234, short', /16 characters/],
    ['PUBLIC_BASE_URL', 'ftp://paperboy.example.org', /http\(s\) URL/],
    ['PUBLIC_BASE_URL', 'paperboy.example.org', /http\(s\) URL/],
    ['PAPERS_API_URL', 'not a url', /http\(s\) URL/],
    ['SMTP_URL', 'mail.example.org:25', /smtp:\/\//],
  ])('rejects %s=%s, naming the variable and what it expects', (name, value, expects) => {
    const error = configError({ [name]: value });
    const line = error.message.split('\n').find((l) => l.trim().startsWith(`${name}:`));
    expect(line, error.message).toBeDefined();
    expect(line).toMatch(expects);
    expect(error.retryable).toBe(false);
    expect(error.code).toBe('config_invalid');
  });

  it('names every bad variable at once', () => {
    const error = configError({ REDIS_URL: 'nope', MAIL_TRANSPORT: 'fax', SEND_RATE: 'fast' });
    for (const name of ['REDIS_URL', 'MAIL_TRANSPORT', 'SEND_RATE']) expect(error.message).toContain(name);
  });

  it('requires RESEND_API_KEY when MAIL_TRANSPORT=resend', () => {
    const error = configError({ MAIL_TRANSPORT: 'resend' });
    expect(error.message).toContain('RESEND_API_KEY');
    expect(error.message).toContain('MAIL_TRANSPORT=resend');
    const config = loadConfig({ ...SAFE_PRODUCTION_ENV, MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_test_123' });
    expect(config.mail.transport).toBe('resend');
    expect(config.mail.resend.apiKey).toBe('re_test_123');
  });

  it('reads TRUST_PROXY as a hop count or proxy addresses, and refuses true with a reason', () => {
    expect(loadConfig({}).web.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).web.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).web.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,fd00::/8' }).web.trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'loopback',
      'fd00::/8',
    ]);
    for (const value of ['true', 'TRUE', 'yes']) {
      const line = configError({ TRUST_PROXY: value })
        .message.split('\n')
        .find((l) => l.includes('TRUST_PROXY:'));
      expect(line, value).toMatch(/choose its own IP address/);
      expect(line).toMatch(/e\.g\. 1/);
    }
    for (const value of ['10.0.0.0/33', 'proxy.internal', '11', '1.2.3.4/8/1']) {
      expect(configError({ TRUST_PROXY: value }).message, value).toContain('TRUST_PROXY:');
    }
  });

  it('asks for a 16-character ADMIN_PASSWORD and a SUPPRESSION_SECRET in production', () => {
    const prod = safeProductionEnv({ NODE_ENV: 'production', SUPPRESSION_SECRET: 'a-production-suppression-key' });
    const short = configError({ ...prod, ADMIN_PASSWORD: '123456789012345' });
    expect(short.message).toMatch(/ADMIN_PASSWORD: expected at least 16 characters when NODE_ENV=production/);
    expect(loadConfig({ ...prod, ADMIN_PASSWORD: '1234567890123456' }).adminPassword).toHaveLength(16);
    // Outside production a shorter one (at least 8) still works, so development stays easy.
    expect(loadConfig({ ADMIN_PASSWORD: '12345678' }).adminPassword).toBe('12345678');
    const { SUPPRESSION_SECRET: _unset, ...withoutSecret } = prod;
    expect(configError(withoutSecret).message).toMatch(/SUPPRESSION_SECRET: required when/);
    expect(loadConfig(prod).suppressionSecret).toBe('a-production-suppression-key');
  });

  it('reads the notice settings', () => {
    expect(loadConfig({}).notices).toEqual({ preferencesWindowSeconds: 600, goodbye: false });
    expect(loadConfig({ PREFERENCES_EMAIL_WINDOW_SECONDS: '60', GOODBYE_EMAIL: 'true' }).notices).toEqual({
      preferencesWindowSeconds: 60,
      goodbye: true,
    });
  });

  it('reads only the source it is given, not process.env', () => {
    const before = process.env.REDIS_PREFIX;
    process.env.REDIS_PREFIX = 'from-process-env';
    try {
      expect(loadConfig({}).redis.prefix).toBe('paperboy');
      expect(loadConfig().redis.prefix).toBe('from-process-env');
    } finally {
      if (before === undefined) delete process.env.REDIS_PREFIX;
      else process.env.REDIS_PREFIX = before;
    }
  });

  it('is frozen, all the way down', () => {
    const config = loadConfig({ LINK_SECRETS: 'a-long-enough-secret-1234,another-long-secret-5678' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.redis)).toBe(true);
    expect(Object.isFrozen(config.mail)).toBe(true);
    expect(Object.isFrozen(config.mail.resend)).toBe(true);
    expect(Object.isFrozen(config.links.secrets)).toBe(true);
    // ESM is strict mode: writing to a frozen object throws.
    expect(() => {
      (config.redis as { prefix: string }).prefix = 'other';
    }).toThrow(TypeError);
    expect(() => {
      (config.links.secrets as string[]).push('x');
    }).toThrow(TypeError);
    expect(() => {
      (config as { extra?: number }).extra = 1;
    }).toThrow(TypeError);
    expect(config.redis.prefix).toBe('paperboy');
  });
});
