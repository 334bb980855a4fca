/** One node of a Redis Cluster, as ioredis' `Cluster` takes it. */
export interface ClusterNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** What `REDIS_URL` names: one Redis server, or a Redis Cluster reached through one or more seed nodes. */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly ClusterNodeAddress[];
      readonly tls: boolean;
      readonly username: string | undefined;
      readonly password: string | undefined;
    };

/** A `REDIS_URL` that cannot be used; the message says which node and why, never echoing a password. */
export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\//i;
const SINGLE_SCHEME = /^rediss?:\/\//i;
const DEFAULT_PORT = 6379;

/** The entry as it may be shown: credentials replaced by `***`. */
function shown(entry: string): string {
  return entry.replace(/^([a-z+]+:\/\/)?[^@/]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

interface ParsedNode extends ClusterNodeAddress {
  tls: boolean;
  username: string | undefined;
  password: string | undefined;
}

/** Parses one `redis[s]://[user:pass@]host[:port][/0]` node of a cluster, or says what is wrong with it. */
function parseNode(url: string, label: string): ParsedNode {
  const fail = (why: string): never => {
    throw new RedisUrlError(`${label} (${shown(url)}): ${why}`);
  };
  if (!SINGLE_SCHEME.test(url)) {
    fail(`expected a redis:// or rediss:// URL${url.includes('://') ? '' : `, e.g. redis://${shown(url)}`}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('not a valid URL (check the host, and that the port is a number from 1 to 65535)');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') fail('no host; expected redis://host:port');
  if (parsed.pathname !== '' && parsed.pathname !== '/' && parsed.pathname !== '/0') {
    fail(`a Redis Cluster has only database 0 (got "${parsed.pathname}")`);
  }
  if (parsed.search !== '' || parsed.hash !== '') fail('query strings and fragments are not supported for a cluster');
  return {
    host,
    port: parsed.port === '' ? DEFAULT_PORT : Number(parsed.port),
    tls: parsed.protocol.toLowerCase() === 'rediss:',
    username: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
  };
}

/** Splits `a,b,c`, trimming and dropping blank entries. */
function entries(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The nodes of `redis+cluster://[user:pass@]host1:port1,host2:port2[/]` (or `rediss+cluster://` for TLS): the
 * credentials, if any, sit once before the first host and apply to every node.
 */
function parseClusterScheme(value: string, scheme: string): ParsedNode[] {
  const rest = value.slice(value.indexOf('://') + 3);
  const at = rest.lastIndexOf('@');
  const userinfo = at >= 0 ? `${rest.slice(0, at)}@` : '';
  const hosts = entries((at >= 0 ? rest.slice(at + 1) : rest).replace(/\/0?$/, ''));
  if (hosts.length === 0) throw new RedisUrlError('no node; expected redis+cluster://host1:port1,host2:port2');
  return hosts.map((host, i) => {
    if (host.includes('://')) {
      throw new RedisUrlError(
        `node ${i + 1} of ${hosts.length} (${shown(host)}): after ${scheme}+cluster:// list nodes as host:port, without a scheme`,
      );
    }
    return parseNode(`${scheme}://${i === 0 ? userinfo : ''}${host}`, `node ${i + 1} of ${hosts.length}`);
  });
}

/**
 * Reads `REDIS_URL`. One `redis://` or `rediss://` URL names a single server. A Redis Cluster is named either by a
 * comma-separated list of node URLs (`redis://10.0.0.1:7000,redis://10.0.0.2:7000`) or by the `redis+cluster://`
 * scheme (`redis+cluster://10.0.0.1:7000,10.0.0.2:7000`; `rediss+cluster://` for TLS), which also makes a single
 * seed node a cluster. Any node will do as a seed: the client discovers the others. Throws RedisUrlError naming the
 * malformed node.
 */
export function parseRedisUrl(value: string): RedisTarget {
  const text = value.trim();
  const cluster = CLUSTER_SCHEME.exec(text);
  let nodes: ParsedNode[];
  if (cluster) {
    nodes = parseClusterScheme(text, (cluster[1] ?? 'redis').toLowerCase());
  } else {
    const list = entries(text);
    if (list.length === 0) throw new RedisUrlError('empty; expected a redis:// or rediss:// URL');
    if (list.length === 1) {
      const only = list[0] ?? '';
      if (!SINGLE_SCHEME.test(only)) {
        throw new RedisUrlError(
          `${shown(only)}: expected a redis:// or rediss:// URL, a comma-separated list of them, or redis+cluster://`,
        );
      }
      try {
        if (new URL(only).hostname === '') throw new Error('no host');
      } catch {
        throw new RedisUrlError(
          `${shown(only)}: not a valid URL (check the host, and that the port is a number from 1 to 65535)`,
        );
      }
      return { kind: 'single', url: only };
    }
    nodes = list.map((entry, i) => parseNode(entry, `node ${i + 1} of ${list.length}`));
  }
  const first = nodes[0] as ParsedNode;
  nodes.forEach((node, i) => {
    const label = `node ${i + 1} of ${nodes.length}`;
    if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535) {
      throw new RedisUrlError(`${label}: the port must be a whole number from 1 to 65535`);
    }
    if (node.tls !== first.tls) throw new RedisUrlError(`${label}: mixes redis:// and rediss:// (use one for all)`);
    for (const field of ['username', 'password'] as const) {
      if (node[field] !== undefined && first[field] !== undefined && node[field] !== first[field]) {
        throw new RedisUrlError(`${label}: a different ${field} than node 1 (a cluster has one set of credentials)`);
      }
    }
  });
  return {
    kind: 'cluster',
    nodes: nodes.map(({ host, port }) => ({ host, port })),
    tls: first.tls,
    username: nodes.find((n) => n.username !== undefined)?.username,
    password: nodes.find((n) => n.password !== undefined)?.password,
  };
}

/** `REDIS_URL` fit for a log line or an error message: passwords replaced by `***`. */
export function redactRedisUrl(value: string): string {
  return entries(value)
    .map((entry, i) => (i === 0 || entry.includes('://') ? shown(entry) : entry))
    .join(',');
}
