import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../../cli/commands/subscribers.ts';
import { ReaderStore, readerKeys } from '../../../src/relevance/index.ts';
import { SubscriberStore, parseCsv, type Subscriber } from '../../../src/subscribers/index.ts';
import { syntheticPaper } from '../../support/feedback-edition.ts';
import { keysMentioning } from '../../support/redis-dump.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const INTERESTS = {
  keywords: ['=HYPERLINK("x")', 'diffusion distillation'],
  authors: ['Ada Example'],
  organizations: ['Example Lab'],
  mutes: ['crypto'],
};

describe('votes, follows and mutes are personal data: export includes them, erase removes them', () => {
  let t: TestRedis;
  let dir: string;
  let store: SubscriberStore;
  let readers: ReaderStore;
  let reader: Subscriber;
  let quiet: Subscriber;
  const saved = { ...process.env };

  async function run(...args: string[]): Promise<string> {
    const program = new Command('paperboy').exitOverride();
    register(program);
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array) => {
      printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    };
    try {
      await program.parseAsync(['node', 'paperboy', 'subscribers', ...args]);
    } finally {
      process.stdout.write = write;
    }
    return printed;
  }

  beforeAll(async () => {
    t = await openTestRedis('reader-privacy');
    dir = await mkdtemp(join(tmpdir(), 'paperboy-reader-privacy-'));
    store = new SubscriberStore(t.redis, t.keyspace);
    readers = new ReaderStore(t.redis, t.keyspace);
    Object.assign(process.env, {
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      OUTBOX_DIR: join(dir, 'outbox'),
      MAIL_TRANSPORT: 'outbox',
      LINK_SECRETS: 'reader-privacy-link-secret-0123456789',
      LOG_LEVEL: 'silent',
    });
    const topics = { topics: ['robotics'], perTopic: 5, alsoTrending: true };
    reader = (await store.add('voter@example.org', topics, { confirmed: true })).subscriber;
    quiet = (await store.add('quiet@example.org', topics, { confirmed: true })).subscriber;
    await readers.saveInterests(reader.id, INTERESTS);
    for (const [paperId, vote, at] of [
      ['2511.00001', 'more', '2025-11-24T09:00:00.000Z'],
      ['2511.00002', 'less', '2025-11-24T10:00:00.000Z'],
    ] as const) {
      const title = `Synthetic paper ${paperId}`;
      await readers.recordVote(
        reader.id,
        { paperId, date: '2025-11-24', vote, title, at },
        syntheticPaper(paperId, title),
      );
    }
  });
  afterAll(async () => {
    process.env = saved;
    await t.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports them in JSON Lines under "reader", titles included', async () => {
    const rows = (await run('export', '--format', 'jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Subscriber & { reader: { interests: unknown; votes: { title: string }[] } });
    const mine = rows.find((r) => r.id === reader.id)!;
    expect(mine.reader.interests).toEqual(INTERESTS);
    expect(mine.reader.votes).toEqual(await readers.votes(reader.id));
    expect(mine.reader.votes.map((v) => v.title)).toEqual(['Synthetic paper 2511.00001', 'Synthetic paper 2511.00002']);
    expect(rows.find((r) => r.id === quiet.id)!.reader).toEqual({
      interests: { keywords: [], authors: [], organizations: [], mutes: [] },
      votes: [],
    });
  });

  it('exports them in CSV, one entry per line in a cell (formulas neutralised), and the file still imports', async () => {
    const csv = await run('export');
    const [header, ...rows] = parseCsv(csv);
    const col = (name: string) => header!.cells.indexOf(name);
    const mine = rows.find((r) => r.cells[col('id')] === reader.id)!.cells;
    // A cell a spreadsheet would read as a formula gets a leading quote (import's restoreCell removes it).
    expect(mine[col('follow_keywords')]).toBe('\'=HYPERLINK("x")\ndiffusion distillation');
    expect(mine[col('follow_authors')]).toBe('Ada Example');
    expect(mine[col('follow_organizations')]).toBe('Example Lab');
    expect(mine[col('mute_keywords')]).toBe('crypto');
    expect(mine[col('votes')]).toBe(
      'more 2511.00001 2025-11-24 2025-11-24T09:00:00.000Z\nless 2511.00002 2025-11-24 2025-11-24T10:00:00.000Z',
    );
    const file = join(dir, 'export.csv');
    await writeFile(file, csv);
    expect(await run('import', file)).toContain('added 0, updated 0, unchanged 2');
  });

  it('erase removes them with the subscriber', async () => {
    const printed = await run('erase', 'voter@example.org', '--yes');
    expect(printed).toContain('votes, follows and mutes');
    const keys = readerKeys(t.keyspace, reader.id);
    expect(await t.redis.exists(keys.votes, keys.interests, keys.profile)).toBe(0);
    expect(await keysMentioning(t.redis, t.keyspace, [reader.id, 'diffusion distillation', '2511.00001'])).toEqual([]);
    expect((await readers.get(quiet.id)).votes).toEqual([]);
  });
});
