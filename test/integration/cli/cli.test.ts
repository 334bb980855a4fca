import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { catchUpWindow, claimDays, lastCompleteDay } from '../../../src/editions/index.ts';
import { stageJobId } from '../../../src/queue/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Each run starts a fresh Node process that loads the whole CLI through tsx: slow on a busy machine.
const SLOW = { timeout: 120_000 };

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/paperboy.js ...args` as a user would (`npx paperboy` runs the same file). */
function paperboy(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/paperboy.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const STACK_FRAME = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

describe('the paperboy CLI', () => {
  let t: TestRedis;
  let api: FakePapersApi;
  const DATE = '2025-11-24';
  // The independent runs start together (each loads the whole CLI, which is slow on a busy machine); tests await them.
  let runs: {
    help: Promise<CliResult>;
    papersHelp: Promise<CliResult>;
    badDate: Promise<CliResult>;
    badEnv: Promise<CliResult>;
    coveredDay: Promise<CliResult>;
    morning: Promise<CliResult>;
    render: Promise<CliResult>;
  };
  const renderDir = mkdtempSync(join(tmpdir(), 'paperboy-render-'));

  beforeAll(async () => {
    t = await openTestRedis('cli');
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 3) } });
    const env = { REDIS_URL: t.url, REDIS_PREFIX: t.prefix, PAPERS_API_URL: api.url };
    // A weekend's edition went out: it holds Friday to Sunday.
    await claimDays(t.redis, t.keyspace, '2025-11-23', ['2025-11-21', '2025-11-22', '2025-11-23']);
    runs = {
      help: paperboy(['--help']),
      papersHelp: paperboy(['papers', '--help']),
      badDate: paperboy(['papers', '--date', '2025-13-40'], env),
      badEnv: paperboy(['papers', '--date', '2025-11-21'], { ...env, SEND_RATE: 'fast' }),
      coveredDay: paperboy(['run', '--date', '2025-11-22', '--no-wait'], env),
      morning: paperboy(['run', '--no-wait'], env),
      render: paperboy(['render', '--date', DATE, '--sample', '--topics', 'robotics', '--out', renderDir], env),
    };
  });
  afterAll(async () => {
    await Promise.allSettled(Object.values(runs ?? {}));
    await api?.close();
    await t?.cleanup();
    rmSync(renderDir, { recursive: true, force: true });
  });

  it('render --sample writes the digest and the headers a real send carries', SLOW, async () => {
    const { code, stdout } = await runs.render;
    expect(code).toBe(0);
    expect(stdout).toContain('message.json');
    const message = JSON.parse(readFileSync(join(renderDir, 'message.json'), 'utf8')) as {
      headers: Record<string, string>;
    };
    expect(message.headers).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Feedback-ID': expect.stringMatching(new RegExp(`^${DATE}:digest:paperboy:[a-z0-9-]{5,}$`)) as string,
    });
    expect(readFileSync(join(renderDir, 'digest.html'), 'utf8')).toContain('</html>');
  });

  it('--help lists the commands and exits 0', SLOW, async () => {
    const { code, stdout } = await runs.help;
    expect(code).toBe(0);
    const commands = [...stdout.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['demo', 'run', 'worker', 'papers']));
  });

  it('a command has its own --help', SLOW, async () => {
    const { code, stdout } = await runs.papersHelp;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: paperboy papers/);
    expect(stdout).toContain('--date');
    expect(stdout).toContain('--json');
    expect(stdout).toContain('--refresh');
  });

  it('papers --date 2025-13-40 exits 2 with a one-line message about the date, no stack trace', SLOW, async () => {
    const { code, stdout, stderr } = await runs.badDate;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('2025-13-40');
    expect(stderr).toMatch(/date/i);
    expect(stderr).toMatch(/YYYY-MM-DD/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(api.requestsFor('2025-13-40')).toHaveLength(0);
  });

  it('a bad environment value exits 3 naming the variable, no stack trace', SLOW, async () => {
    const { code, stdout, stderr } = await runs.badEnv;
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/SEND_RATE: expected a number/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(api.requestsFor('2025-11-21')).toHaveLength(0);
  });

  it('papers --date D --json fetches the day from the API once, then reads it from Redis', SLOW, async () => {
    const env = { REDIS_URL: t.url, REDIS_PREFIX: t.prefix, PAPERS_API_URL: api.url };
    const first = await paperboy(['papers', '--date', DATE, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const body = JSON.parse(first.stdout) as { date: string; fetched: boolean; papers: { id: string }[]; skipped: [] };
    expect(body).toMatchObject({ date: DATE, fetched: true, skipped: [] });
    expect(body.papers.map((p) => p.id)).toEqual(
      makeDayItems(DATE, 3).map((i) => (i as { paper: { id: string } }).paper.id),
    );
    expect(api.requestsFor(DATE)).toHaveLength(2);

    const second = await paperboy(['papers', '--date', DATE], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^3 papers on 2025-11-24 \(stored/);
    expect(api.requestsFor(DATE)).toHaveLength(2);
  });

  it(
    'run --date D of a day another edition carried exits 2 naming that edition, and enqueues nothing',
    SLOW,
    async () => {
      const { code, stdout, stderr } = await runs.coveredDay;
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/list day 2025-11-22 went out in edition 2025-11-23/);
      expect(stderr).not.toMatch(STACK_FRAME);
      expect(await t.redis.exists(`${t.keyspace.bullPrefix}:edition:${stageJobId('2025-11-22', 'finish')}`)).toBe(0);
    },
  );

  it(
    'run without a date enqueues the morning edition: the complete days since the last one, 7 at most',
    SLOW,
    async () => {
      const { code, stdout, stderr } = await runs.morning;
      expect(code, stderr).toBe(0);
      const queued = /^queued edition (\d{4}-\d{2}-\d{2}) \(list days ([\d, -]+)\)$/m.exec(stdout);
      expect(queued, stdout).not.toBeNull();
      // The last edition (the weekend of 2025-11-23) is more than a week back: the morning catches up the last 7 days
      // up to yesterday in UTC (either side of midnight), and says that older days were left out.
      const [, edition, days] = queued!;
      expect([lastCompleteDay(new Date(Date.now() - 120_000)), lastCompleteDay(new Date())]).toContain(edition);
      expect(days!.split(', ')).toEqual(catchUpWindow(edition!, 7));
      expect(stderr).toMatch(/more than EDITION_MAX_DAYS=7 back and were left out/);
    },
  );
});
