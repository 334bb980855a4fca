import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/shared/errors.ts';

const DAY = 86_400;

describe('retention and papers caps in the config', () => {
  it('defaults: deliveries 14 days, papers 7 days, editions forever; 20 pages and 8 MB per response', () => {
    const config = loadConfig({});
    expect(config.retention).toEqual({ deliverySeconds: 14 * DAY, papersSeconds: 7 * DAY, editionSeconds: 0 });
    expect(config.papers).toMatchObject({ maxPages: 20, maxResponseBytes: 8_000_000 });
  });

  it('reads each variable in days (caps as given)', () => {
    const config = loadConfig({
      DELIVERY_RETENTION_DAYS: '21',
      PAPERS_RETENTION_DAYS: '3',
      EDITION_RETENTION_DAYS: '730',
      PAPERS_MAX_PAGES: '5',
      PAPERS_MAX_RESPONSE_BYTES: '100000',
    });
    expect(config.retention).toEqual({ deliverySeconds: 21 * DAY, papersSeconds: 3 * DAY, editionSeconds: 730 * DAY });
    expect(config.papers).toMatchObject({ maxPages: 5, maxResponseBytes: 100_000 });
  });

  it.each([
    // Shorter than Resend's 24-hour idempotency window plus a day: a retry could send twice.
    ['DELIVERY_RETENTION_DAYS', '1', /at least 2/],
    ['PAPERS_RETENTION_DAYS', '0', /at least 1/],
    ['EDITION_RETENTION_DAYS', '-1', /at least 0/],
    ['PAPERS_MAX_PAGES', '0', /at least 1/],
    ['PAPERS_MAX_RESPONSE_BYTES', '1e3', /at least 10000/],
  ])('rejects %s=%s', (name, value, expects) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(expects);
  });

  it('refuses editions kept for less time than deliveries (the frozen edition is what stops a resend)', () => {
    const env = { DELIVERY_RETENTION_DAYS: '30', EDITION_RETENTION_DAYS: '20' };
    expect(() => loadConfig(env)).toThrow(
      /EDITION_RETENTION_DAYS: expected 0 \(forever\) or at least DELIVERY_RETENTION_DAYS \(30\)/,
    );
    expect(loadConfig({ ...env, EDITION_RETENTION_DAYS: '30' }).retention.editionSeconds).toBe(30 * DAY);
    expect(loadConfig({ ...env, EDITION_RETENTION_DAYS: '0' }).retention.editionSeconds).toBe(0);
  });
});
