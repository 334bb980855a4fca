/**
 * Every Redis key Paperboy writes lives under one hash-tagged root, `{prefix}`: BullMQ queues use it as their
 * prefix and data keys start with it, so two installations never collide, a test can delete exactly its own keys,
 * and in a Redis Cluster every key lands in one slot (multi-key scripts stay legal).
 */
export interface Keyspace {
  readonly prefix: string;
  /** The BullMQ prefix, `{prefix}`. */
  readonly bullPrefix: string;
  /** A data key: `{prefix}:a:b:c`. */
  key(...parts: (string | number)[]): string;
  /** The SCAN pattern that matches every key of this installation. */
  readonly pattern: string;
}

export function createKeyspace(prefix: string): Keyspace {
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new Error(`REDIS_PREFIX must be letters, digits, '.', '_' or '-' (got "${prefix}")`);
  }
  const root = `{${prefix}}`;
  return Object.freeze({
    prefix,
    bullPrefix: root,
    key: (...parts: (string | number)[]) => [root, ...parts].join(':'),
    pattern: `${root}:*`,
  });
}
