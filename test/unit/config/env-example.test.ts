import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../../../src/config/index.ts';

const EXAMPLE = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');

/** `NAME=value` lines, commented out or not, as [name, value]. */
function entries(text: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!]);
}

describe('.env.example', () => {
  it('documents every variable the schema knows, and nothing else, once each', () => {
    const names = entries(EXAMPLE).map(([name]) => name);
    expect([...names].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('shows each default the schema would use, so copying it changes nothing', () => {
    const shown = Object.fromEntries(entries(EXAMPLE).filter(([, value]) => value !== ''));
    expect(loadConfig(shown)).toEqual(loadConfig({}));
  });
});
