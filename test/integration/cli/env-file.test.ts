// The CLI reads `.env` from its working directory before the config, and variables already set win.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../support/cli-server.ts';

const BIN = fileURLToPath(new URL('../../../bin/paperboy.js', import.meta.url));
// Each process loads the CLI through tsx: slow on a busy machine.
const SLOW = { timeout: 120_000 };

describe('.env', () => {
  let cwd: string;
  const classify = async (env: Record<string, string>) => {
    const run = startCli([BIN, 'classify', 'papers.jsonl'], { LOG_LEVEL: 'warn', ...env }, cwd);
    return { code: await run.exited, output: run.output() };
  };

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'paperboy-env-file-'));
    writeFileSync(join(cwd, 'papers.jsonl'), '{"id":"2501.00001","title":"A synthetic paper","summary":"Agents."}\n');
    // A value the schema refuses: seeing it named proves the file was read.
    writeFileSync(join(cwd, '.env'), '# written by the test\nSEND_RATE="fast"\n');
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('is read by the CLI from its working directory', SLOW, async () => {
    const run = await classify({});
    expect(run.code, run.output).toBe(3);
    expect(run.output).toMatch(/SEND_RATE: expected a number/);
  });

  it('does not override a variable already set', SLOW, async () => {
    const run = await classify({ SEND_RATE: '3' });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('2501.00001');
  });
});
