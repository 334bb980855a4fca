import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { connectRedis } from '../../../src/shared/redis.ts';
import { parseRedisUrl, redactRedisUrl } from '../../../src/shared/redis-url.ts';

/** The message of the ConfigError loadConfig throws for this REDIS_URL. */
function redisUrlError(value: string): string {
  try {
    loadConfig({ REDIS_URL: value });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected REDIS_URL=${value} to be refused`);
}

describe('REDIS_URL', () => {
  it('names one server with a redis:// or rediss:// URL, as before', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisUrl(' rediss://:secret@redis.internal:6380/2 ')).toEqual({
      kind: 'single',
      url: 'rediss://:secret@redis.internal:6380/2',
    });
  });

  it('names a cluster with a comma-separated list of node URLs', () => {
    expect(parseRedisUrl('redis://10.0.0.1:7000, redis://10.0.0.2:7001,redis://10.0.0.3:7002,')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '10.0.0.3', port: 7002 },
      ],
      tls: false,
      username: undefined,
      password: undefined,
    });
  });

  it('names a cluster with the redis+cluster:// scheme, from one seed node or several, with TLS and credentials', () => {
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7000')).toMatchObject({
      kind: 'cluster',
      nodes: [{ host: '10.0.0.1', port: 7000 }],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@a.example:7000,b.example,[::1]:7002/')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'a.example', port: 7000 },
        { host: 'b.example', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      tls: true,
      username: 'app',
      password: 'p@ss',
    });
    expect(loadConfig({ REDIS_URL: 'redis+cluster://10.0.0.1:7000,10.0.0.2:7000' }).redis.url).toBe(
      'redis+cluster://10.0.0.1:7000,10.0.0.2:7000',
    );
  });

  it.each([
    ['redis://10.0.0.1:7000,redis://10.0.0.2:x', /REDIS_URL: node 2 of 2 \(redis:\/\/10\.0\.0\.2:x\): not a valid URL/],
    ['redis://10.0.0.1:7000,10.0.0.2:7000', /REDIS_URL: node 2 of 2 \(10\.0\.0\.2:7000\): expected a redis:\/\//],
    ['redis://a:7000,http://b:7000,redis://c:7000', /REDIS_URL: node 2 of 3 \(http:\/\/b:7000\)/],
    ['redis://a:7000,redis://b:70000', /node 2 of 2 .*port/],
    ['redis+cluster://a:7000,redis://b:7000', /node 2 of 2 .*without a scheme/],
    ['redis+cluster://a:7000,:7001', /node 2 of 2 .*no host|node 2 of 2 .*not a valid URL/],
    ['redis://a:7000/1,redis://b:7000', /node 1 of 2 .*only database 0/],
    ['redis://a:7000,rediss://b:7000', /node 2 of 2: mixes redis:\/\/ and rediss:\/\//],
    ['redis+cluster://', /no node/],
    ['http://127.0.0.1:6379', /expected a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses %s, naming REDIS_URL and the node', (value, message) => {
    expect(redisUrlError(value)).toMatch(message);
  });

  it('never echoes a password in an error or a log line', () => {
    const message = redisUrlError('redis://:hunter2-secret@a:7000,redis://:hunter2-secret@b:x');
    expect(message).toContain('node 2 of 2 (redis://***@b:x)');
    expect(message).not.toContain('hunter2');
    expect(redisUrlError('redis://u:other-secret@a:7000,redis://u:hunter2@b:7000')).not.toMatch(/secret|hunter2/);
    expect(redactRedisUrl('redis+cluster://app:hunter2@a:7000,b:7001')).toBe('redis+cluster://***@a:7000,b:7001');
  });

  it('is refused by the connection factory too, as a configuration error', () => {
    expect(() => connectRedis('redis://a:7000,nonsense')).toThrow(ConfigError);
  });
});
