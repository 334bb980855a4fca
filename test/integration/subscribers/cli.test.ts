import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../../cli/commands/subscribers.ts';
import { SubscriberStore, createLinkBuilder, verifyLinkToken } from '../../../src/subscribers/index.ts';
import { keysMentioning } from '../../support/redis-dump.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const SECRET = 'cli-test-link-secret-0123456789';

describe('paperboy subscribers', () => {
  let t: TestRedis;
  let dir: string;
  let store: SubscriberStore;
  const saved = { ...process.env };

  /** Runs the command in-process and returns what it printed (stdout). */
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
    t = await openTestRedis('cli-subs');
    dir = await mkdtemp(join(tmpdir(), 'paperboy-cli-'));
    store = new SubscriberStore(t.redis, t.keyspace);
    Object.assign(process.env, {
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      OUTBOX_DIR: join(dir, 'outbox'),
      MAIL_TRANSPORT: 'outbox',
      LINK_SECRETS: SECRET,
      PUBLIC_BASE_URL: 'https://paperboy.test',
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await t.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a pending subscriber and sends a confirmation email, or an active one with --confirmed', async () => {
    const pending = await run('add', 'Pat@Example.org', '--topics', 'robotics,vlm-reasoning', '--per-topic', '3');
    expect(pending).toMatch(/^added: Pat@example\.org \(pending, id [A-Za-z0-9_-]{22}\)\nconfirmation email sent\n$/);
    const sub = await store.findByEmail('pat@example.org');
    expect(sub?.preferences).toEqual({ topics: ['robotics', 'vlm-reasoning'], perTopic: 3, alsoTrending: true });
    const [date] = await readdir(join(dir, 'outbox'));
    expect(await readdir(join(dir, 'outbox', date!))).toContain(`confirm-${sub!.id}.eml`);

    const active = await run('add', 'kim@example.org', '--topics', 'visual-rl', '--no-also-trending', '--confirmed');
    expect(active).toMatch(/^added: kim@example\.org \(active/);
    expect((await store.findByEmail('kim@example.org'))?.preferences.alsoTrending).toBe(false);
  });

  it('refuses unknown topics by name, and bad addresses', async () => {
    await expect(run('add', 'x@example.org', '--topics', 'robotics,astrology')).rejects.toThrow(
      /Unknown topic "astrology"/,
    );
    await expect(run('add', 'not-an-address', '--topics', 'robotics')).rejects.toThrow(/email address/);
    await expect(run('add', 'x@example.org', '--topics', 'robotics', '--per-topic', '0')).rejects.toThrow(
      /--per-topic/,
    );
    expect(await store.findByEmail('x@example.org')).toBeUndefined();
  });

  it('imports a CSV with line-numbered outcomes, and importing twice imports nothing new', async () => {
    const gone = (
      await store.add(
        'gone@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    await store.setStatus(gone.id, 'unsubscribed', 'test');
    const file = join(dir, 'list.csv');
    await writeFile(
      file,
      [
        'email,topics',
        'a@example.org,robotics;visual-rl',
        '"b@example.org","image-generation"',
        'not-an-email,robotics',
        'c@example.org,astrology',
        'gone@example.org,robotics',
        'kim@example.org,robotics',
        'A@EXAMPLE.org,robotics',
        '',
      ].join('\r\n'),
    );
    const first = await run('import', file, '--confirmed');
    expect(first).toContain('line 2: added a@example.org');
    expect(first).toContain('line 3: added b@example.org');
    expect(first).toMatch(/line 4: invalid not-an-email \(.*email address.*\)/);
    expect(first).toMatch(/line 5: invalid c@example\.org \(Unknown topic "astrology"/);
    expect(first).toContain('line 6: suppressed gone@example.org');
    expect(first).toContain('line 7: updated kim@example.org');
    expect(first).toContain('line 8: invalid A@EXAMPLE.org (the same address as line 2)');
    expect(first).toContain('added 2, updated 1, unchanged 0, suppressed 1, invalid 3');
    expect(process.exitCode).toBe(5);
    process.exitCode = 0;
    expect((await store.findByEmail('gone@example.org'))?.status).toBe('unsubscribed');

    const second = await run('import', file, '--confirmed');
    expect(second).toContain('added 0, updated 0, unchanged 3, suppressed 1, invalid 3');
    // Existing subscribers keep what the file does not say.
    expect((await store.findByEmail('kim@example.org'))?.preferences).toEqual({
      topics: ['robotics'],
      perTopic: 5,
      alsoTrending: false,
    });
    process.exitCode = 0;
  });

  it('exports CSV that imports again unchanged, and JSON Lines', async () => {
    const csv = await run('export');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'email,topics,per_topic,also_trending,status,id,created_at,confirmed_at,' +
        'follow_keywords,follow_authors,follow_organizations,mute_keywords,votes',
    );
    expect(lines).toHaveLength(1 + 5);
    const file = join(dir, 'export.csv');
    await writeFile(file, csv);
    const again = await run('import', file);
    expect(again).toContain('added 0, updated 0, unchanged 4, suppressed 1, invalid 0');
    process.exitCode = 0;

    const jsonl = await run('export', '--format', 'jsonl', '--status', 'active');
    const rows = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; email: string });
    expect(rows.every((r) => r.status === 'active')).toBe(true);
    expect(rows.map((r) => r.email).sort()).toEqual(['a@example.org', 'b@example.org', 'kim@example.org']);
  });

  it('lists by status, as text or JSON', async () => {
    const text = await run('list', '--status', 'pending');
    expect(text).toContain('Pat@example.org');
    expect(text).not.toContain('kim@example.org');
    expect(text.trim().split('\n').at(-1)).toBe('pending 1, active 3, unsubscribed 1, bounced 0, complained 0');
    const json = JSON.parse(await run('list', '--json')) as unknown[];
    expect(json).toHaveLength(5);
    await expect(run('list', '--status', 'happy')).rejects.toThrow(/--status must be one of/);
  });

  it('prints signed links for a purpose', async () => {
    const url = (await run('link', 'KIM@example.org', '--purpose', 'manage')).trim();
    expect(url).toMatch(/^https:\/\/paperboy\.test\/preferences\?token=[A-Za-z0-9._-]+$/);
    const token = new URL(url).searchParams.get('token')!;
    const kim = await store.findByEmail('kim@example.org');
    expect(verifyLinkToken(token, [SECRET], { purpose: 'manage' })).toMatchObject({
      ok: true,
      claims: { subscriberId: kim!.id },
    });
    const unsub = (await run('link', 'kim@example.org', '--purpose', 'unsubscribe')).trim();
    expect(unsub).toMatch(/\/unsubscribe\?token=/);
    await expect(run('link', 'nobody@example.org', '--purpose', 'manage')).rejects.toThrow(/no subscriber/);
    await expect(run('link', 'kim@example.org', '--purpose', 'admin')).rejects.toThrow(/--purpose/);
    expect(createLinkBuilder).toBeDefined();
  });

  it('refuses to erase without a terminal to confirm on unless --yes is given, and erases nothing', async () => {
    expect(process.stdin.isTTY).not.toBe(true);
    await expect(run('erase', 'pat@example.org')).rejects.toThrow(/without a terminal.*--yes/);
    expect(await store.findByEmail('pat@example.org')).toBeDefined();
  });

  it('erases every trace of a person', async () => {
    const pat = (await store.findByEmail('pat@example.org'))!;
    const printed = await run('erase', 'pat@example.org', '--yes');
    expect(printed).toMatch(/erased .*2 outbox file/);
    expect(await store.findByEmail('pat@example.org')).toBeUndefined();
    expect(await store.get(pat.id)).toBeUndefined();
    for (const date of await readdir(join(dir, 'outbox'))) {
      expect((await readdir(join(dir, 'outbox', date))).some((f) => f.includes(pat.id))).toBe(false);
    }
    expect(await keysMentioning(t.redis, t.keyspace, ['pat@example.org', pat.id])).toEqual([]);
    await expect(run('erase', 'pat@example.org', '--yes')).rejects.toThrow(/no subscriber/);
  });

  it('keeps an erased complained, bounced or unsubscribed address suppressed: re-import and add refuse it', async () => {
    for (const [email, status] of [
      ['Complainer@example.org', 'complained'],
      ['bouncer@example.org', 'bounced'],
      ['leaver@example.org', 'unsubscribed'],
    ] as const) {
      const { subscriber } = await store.add(
        email,
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      );
      await store.setStatus(subscriber.id, status, 'test');
      const printed = await run('erase', email, '--yes');
      expect(printed).toContain(`the address stays suppressed (${status})`);
      expect(await store.get(subscriber.id)).toBeUndefined();
    }
    // Nothing that names the person is left: no address, no id, in any key or value.
    for (const key of await t.redis.keys(t.keyspace.pattern)) {
      const type = await t.redis.type(key);
      const dump =
        type === 'string' ? await t.redis.get(key) : type === 'hash' ? JSON.stringify(await t.redis.hgetall(key)) : '';
      expect(`${key} ${dump}`).not.toMatch(/complainer|bouncer|leaver/i);
    }

    const file = join(dir, 'reimport.csv');
    await writeFile(
      file,
      'email,topics\ncomplainer@EXAMPLE.org,robotics\nbouncer@example.org,robotics\nleaver@example.org,robotics\n',
    );
    const report = await run('import', file, '--confirmed');
    expect(report).toContain('line 2: suppressed complainer@example.org');
    expect(report).toContain('line 3: suppressed bouncer@example.org');
    expect(report).toContain('line 4: suppressed leaver@example.org');
    expect(report).toContain('added 0, updated 0, unchanged 0, suppressed 3, invalid 0');
    for (const email of ['complainer@example.org', 'bouncer@example.org', 'leaver@example.org']) {
      expect(await store.findByEmail(email)).toBeUndefined();
    }
    await expect(run('add', 'complainer@example.org', '--topics', 'robotics', '--confirmed')).rejects.toThrow(
      /not added: this address is suppressed \(complained before it was erased\)/,
    );
    expect(await store.findByEmail('complainer@example.org')).toBeUndefined();
    process.exitCode = 0;
  });

  it('exports formula-looking addresses neutralised, and imports them back as they were', async () => {
    const formulas = ["=cmd|'/Ccalc'!A0@example.org", '+31@example.org', '-x@example.org', "'=quoted@example.org"];
    for (const email of formulas) await store.add(email, { topics: ['robotics'], perTopic: 5, alsoTrending: true });
    const csv = await run('export', '--status', 'pending');
    expect(csv).toContain(`"'=cmd|'/Ccalc'!A0@example.org",robotics,`);
    expect(csv).toContain(`"'+31@example.org",`);
    expect(csv).toContain(`"'-x@example.org",`);
    expect(csv).toContain(`"''=quoted@example.org",`);
    // No cell of the file starts with a formula character (a quoted cell's content starts after its quote).
    for (const line of csv.trim().split('\n')) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)/g) ?? []) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    }
    const file = join(dir, 'formulas.csv');
    await writeFile(file, csv);
    const report = await run('import', file);
    expect(report).toMatch(/added 0, updated 0, unchanged \d+, suppressed 0, invalid 0/);
    for (const email of formulas) expect((await store.findByEmail(email))?.email).toBe(email);
    expect(await store.findByEmail("'=cmd|'/Ccalc'!A0@example.org")).toBeUndefined();
    process.exitCode = 0;
  });
});
