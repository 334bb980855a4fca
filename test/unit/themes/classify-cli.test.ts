import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../cli/cli-error.ts';
import { parseRecords } from '../../../cli/commands/classify.ts';
import { classifyPaper } from '../../../src/themes/index.ts';

const samplePath = fileURLToPath(new URL('../../../src/papers/sample/sample-day.json', import.meta.url));

function failure(input: string): CliError {
  try {
    parseRecords(input);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected parseRecords to fail');
}

describe('paperboy classify input', () => {
  it('reads a JSON array of Daily Papers API items', () => {
    const records = parseRecords(readFileSync(samplePath, 'utf8'));
    expect(records).toHaveLength(28);
    const vla = records.find((r) => r.title.startsWith('OpenArm-VLA'));
    expect(vla && classifyPaper(vla.text).theme).toBe('robotics');
  });

  it('reads JSON Lines of plain {id, title, summary} objects, skipping blank lines', () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Humanoid locomotion', summary: 'A humanoid robot walks.' }),
      '',
      JSON.stringify({ id: 'b', title: 'T2I with DiTs', summary: 'Text-to-image diffusion transformers.' }),
    ].join('\n');
    const records = parseRecords(input);
    expect(records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(records.map((r) => classifyPaper(r.text).theme)).toEqual(['robotics', 'image-generation']);
  });

  it('names the item index and the field of a bad item', () => {
    const bad = JSON.stringify([
      { id: 'ok', title: 'x', summary: 'y' },
      { id: 'bad', title: 42, summary: 'y' },
    ]);
    expect(failure(bad).message).toMatch(/^item 1: title: /);
    const badApi = JSON.stringify([{ paper: { id: '2511.1', title: 't', summary: 's' } }]);
    expect(failure(badApi).message).toMatch(/^item 0: paper\.authors: /);
    expect(failure('{"id":"a","title":"t"}').message).toMatch(/summary/);
  });

  it('names the line of invalid JSON Lines', () => {
    expect(failure('{"id":"a","title":"t","summary":"s"}\n{oops').message).toMatch(/^line 2: not valid JSON/);
  });
});
