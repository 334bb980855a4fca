import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Why a real cluster cannot be started here, or undefined when `redis-server` and `redis-cli` are both installed. */
export function clusterUnavailableReason(): string | undefined {
  for (const bin of ['redis-server', 'redis-cli']) {
    if (spawnSync(bin, ['--version'], { stdio: 'ignore' }).status !== 0) return `${bin} is not installed`;
  }
  return undefined;
}

/**
 * True when the Redis Cluster tests must be skipped (the reason is printed): `redis-server` or `redis-cli` is
 * missing and PAPERBOY_REQUIRE_CLUSTER is not set. CI sets it, so there a missing binary fails the tests instead.
 */
export function skipClusterTests(): boolean {
  const reason = clusterUnavailableReason();
  if (reason === undefined || process.env.PAPERBOY_REQUIRE_CLUSTER) return false;
  console.warn(`skipping the Redis Cluster tests: ${reason}`);
  return true;
}

/** One master of the test cluster: its process, its port and a plain (non-cluster) connection to it. */
export interface ClusterNode {
  readonly port: number;
  readonly id: string;
  /** Talks to this node only (no redirections followed): for CLUSTER and INFO commands. */
  readonly admin: Redis;
  readonly child: ChildProcess;
}

export interface MigrationPace {
  batch?: number;
  pauseMs?: number;
}

/** A slot half-way between two masters. */
export interface SlotMigration {
  readonly from: ClusterNode;
  /** MIGRATEs up to `count` of the slot's keys still on the old owner; returns how many moved (0: none left). */
  moveKeys(count: number): Promise<number>;
  /**
   * Moves the remaining keys `batch` at a time (redis-cli's default is 10), `pauseMs` apart (a slower link, a bigger
   * installation: a longer split), then SETSLOT NODE on the target, the old owner and every other master.
   */
  finish(options?: MigrationPace): Promise<{ keys: number; batches: number }>;
}

export interface TestCluster {
  readonly nodes: readonly ClusterNode[];
  /** `redis+cluster://127.0.0.1:P1,127.0.0.1:P2,...`. */
  readonly url: string;
  /** The master serving `slot` (as node 1 sees it). */
  ownerOf(slot: number): Promise<ClusterNode>;
  /**
   * Starts moving one slot to `target` the way `redis-cli --cluster reshard` moves each slot: SETSLOT IMPORTING on
   * the target, MIGRATING on the owner. From then on the slot is split until `finish()`.
   */
  beginSlotMigration(slot: number, target: ClusterNode): Promise<SlotMigration>;
  /** The whole move of one slot (`beginSlotMigration`, then `finish`), while clients keep working. */
  migrateSlot(slot: number, target: ClusterNode, pace?: MigrationPace): Promise<{ keys: number; batches: number }>;
  /** Error replies sent by every node since the last reset, by kind (`MOVED`, `ASK`, `TRYAGAIN`, ...). */
  errorStats(): Promise<Record<string, number>>;
  resetStats(): Promise<void>;
  /** Stops every redis-server and removes the temporary directory. */
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** `count` ports P with P and its cluster bus port P + 10000 free. */
async function freeClusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let tries = 0; ports.length < count && tries < 500; tries += 1) {
    const p = 20_000 + Math.floor(Math.random() * 20_000);
    if (ports.includes(p) || ports.includes(p - 1) || ports.includes(p + 1)) continue;
    if ((await portFree(p)) && (await portFree(p + 10_000))) ports.push(p);
  }
  if (ports.length < count) throw new Error('no free ports for a test cluster');
  return ports;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Starts a real Redis Cluster of `masters` redis-server processes (no replicas, no persistence) on free ports in a
 * temporary directory, joined with `redis-cli --cluster create`, and waits until every node reports
 * `cluster_state:ok` and knows every other node.
 */
export async function startTestCluster(masters = 3): Promise<TestCluster> {
  const missing = clusterUnavailableReason();
  if (missing) throw new Error(`cannot start a Redis Cluster: ${missing}`);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-cluster-'));
  const ports = await freeClusterPorts(masters);
  const children = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '15000',
        '--save',
        '',
        '--appendonly',
        'no',
        '--logfile',
        join(dir, `redis-${port}.log`),
      ],
      { stdio: 'ignore' },
    ),
  );
  const admins = ports.map(
    (port) =>
      new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 3, retryStrategy: () => 200 }),
  );
  for (const a of admins) a.on('error', () => undefined);
  const stop = async () => {
    for (const a of admins) a.disconnect();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const a of admins) await waitUntil(async () => (await a.ping()) === 'PONG', 20_000, 'redis-server to start');
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (const a of admins) {
      await waitUntil(
        async () => {
          const info = await a.cluster('INFO');
          return /cluster_state:ok/.test(info) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(info);
        },
        60_000,
        'cluster_state:ok on every node',
      );
    }
    const nodes = await Promise.all(
      admins.map(async (admin, i) => ({
        port: ports[i] as number,
        id: await admin.cluster('MYID'),
        admin,
        child: children[i] as ChildProcess,
      })),
    );
    const cluster: TestCluster = {
      nodes,
      url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
      ownerOf: async (slot) => {
        const shards = await (nodes[0] as ClusterNode).admin.cluster('SLOTS');
        const shard = shards.find(([from, to]) => slot >= from && slot <= to);
        const owner = nodes.find((n) => n.port === shard?.[2]?.[1]);
        if (!owner) throw new Error(`no master serves slot ${slot}`);
        return owner;
      },
      beginSlotMigration: async (slot, target) => {
        const from = await cluster.ownerOf(slot);
        if (from === target) throw new Error(`slot ${slot} is already on ${target.port}`);
        await target.admin.cluster('SETSLOT', slot, 'IMPORTING', from.id);
        await from.admin.cluster('SETSLOT', slot, 'MIGRATING', target.id);
        let keys = 0;
        let batches = 0;
        const moveKeys = async (count: number) => {
          const batch = await from.admin.cluster('GETKEYSINSLOT', slot, count);
          if (batch.length === 0) return 0;
          await from.admin.migrate('127.0.0.1', target.port, '', 0, 60_000, 'KEYS', ...batch);
          keys += batch.length;
          batches += 1;
          return batch.length;
        };
        return {
          from,
          moveKeys,
          finish: async ({ batch = 10, pauseMs = 0 } = {}) => {
            while ((await moveKeys(batch)) > 0) if (pauseMs > 0) await sleep(pauseMs);
            for (const node of [target, from, ...nodes.filter((n) => n !== from && n !== target)]) {
              await node.admin.cluster('SETSLOT', slot, 'NODE', target.id);
            }
            return { keys, batches };
          },
        };
      },
      migrateSlot: async (slot, target, pace = {}) => (await cluster.beginSlotMigration(slot, target)).finish(pace),
      errorStats: async () => {
        const totals: Record<string, number> = {};
        for (const node of nodes) {
          const info = await node.admin.info('errorstats');
          for (const [, kind, count] of info.matchAll(/^errorstat_(\w+):count=(\d+)/gm)) {
            totals[kind as string] = (totals[kind as string] ?? 0) + Number(count);
          }
        }
        return totals;
      },
      resetStats: async () => {
        for (const node of nodes) await node.admin.config('RESETSTAT');
      },
      stop,
    };
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}
