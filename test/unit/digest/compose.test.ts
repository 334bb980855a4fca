import { describe, expect, it } from 'vitest';
import { composeDigest, type ComposeResult, type Digest } from '../../../src/digest/index.ts';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';
import { buildEdition } from '../../../src/themes/index.ts';
import { editionOf, entry } from '../../fixtures/themes/edition.ts';

const prefs = (topics: string[], perTopic = 5, alsoTrending = true) =>
  preferencesSchema.parse({ topics, perTopic, alsoTrending });

function digestOf(result: ComposeResult): Digest {
  if (result.kind !== 'digest') throw new Error(`expected a digest, got skip: ${result.reason}`);
  return result.digest;
}
const ids = (d: Digest) => d.sections.map((s) => [s.id, s.papers.map((p) => p.paper.id)]);

// A world model for robots: primary visual-rl, secondary robotics. A VLA: robotics with a vlm-reasoning secondary.
const edition = editionOf([
  entry('wm', 'visual-rl', 30, ['robotics']),
  entry('pixels', 'visual-rl', 10),
  entry('vla', 'robotics', 40, ['vlm-reasoning']),
  entry('legs', 'robotics', 20),
  entry('t2i', 'image-generation', 50),
  entry('zoom', 'vlm-reasoning', 15, ['image-generation']),
  entry('tts', 'other', 25),
  entry('code', 'other', 12),
]);

describe('composeDigest', () => {
  it('gives sections in taxonomy order for the chosen topics, whatever order they were chosen in', () => {
    const d = digestOf(composeDigest(edition, prefs(['robotics', 'image-generation']), { skipEmpty: true }));
    expect(d.sections.map((s) => s.id)).toEqual(['image-generation', 'robotics']);
    expect(d.sections[0]?.label).toBe(edition.sections.find((s) => s.id === 'image-generation')?.label);
  });

  it('shows a paper at most once: under its primary theme when chosen', () => {
    const d = digestOf(composeDigest(edition, prefs(['visual-rl', 'robotics', 'vlm-reasoning']), { skipEmpty: true }));
    expect(ids(d)).toEqual([
      ['visual-rl', ['wm', 'pixels']],
      ['vlm-reasoning', ['zoom']],
      ['robotics', ['vla', 'legs']],
    ]);
    const all = d.sections.flatMap((s) => s.papers.map((p) => p.paper.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('otherwise under its first chosen secondary theme, ranked among that theme', () => {
    const d = digestOf(composeDigest(edition, prefs(['robotics']), { skipEmpty: true }));
    expect(ids(d)).toEqual([['robotics', ['vla', 'wm', 'legs']]]);
    expect(d.paperCount).toBe(3);
  });

  it("follows a reader's ranking: papers it leaves out never appear, and its order ranks sections and trending", () => {
    // Lowest edition score first, and without "legs".
    const byScoreAscending = (a: { score: number }, b: { score: number }) => a.score - b.score;
    const ranking = {
      keep: (p: { paper: { id: string } }) => p.paper.id !== 'legs',
      compare: byScoreAscending,
    };
    const d = digestOf(composeDigest(edition, prefs(['robotics', 'visual-rl'], 2), { skipEmpty: true, ranking }));
    expect(ids(d)).toEqual([
      ['visual-rl', ['pixels', 'wm']],
      ['robotics', ['vla']],
    ]);
    expect(d.alsoTrending.map((p) => p.paper.id)).toEqual(['code', 'tts']);
    // The edition itself is untouched: its own order still holds without the ranking.
    const plain = digestOf(composeDigest(edition, prefs(['robotics', 'visual-rl'], 2), { skipEmpty: true }));
    expect(ids(plain)).toEqual([
      ['visual-rl', ['wm', 'pixels']],
      ['robotics', ['vla', 'legs']],
    ]);
    expect(plain.alsoTrending.map((p) => p.paper.id)).toEqual(['tts', 'code']);
  });

  it('takes the best perTopic papers of each section', () => {
    const d = digestOf(composeDigest(edition, prefs(['robotics', 'visual-rl'], 1), { skipEmpty: true }));
    expect(ids(d)).toEqual([
      ['visual-rl', ['wm']],
      ['robotics', ['vla']],
    ]);
  });

  it('adds the top other papers as "Also trending" only when asked', () => {
    const on = digestOf(composeDigest(edition, prefs(['robotics'], 1, true), { skipEmpty: true }));
    const off = digestOf(composeDigest(edition, prefs(['robotics'], 1, false), { skipEmpty: true }));
    expect(on.alsoTrending.map((p) => p.paper.id)).toEqual(['tts']);
    expect(off.alsoTrending).toEqual([]);
  });

  it('keeps a chosen topic with no papers as an empty section in its place (the email names it)', () => {
    const d = digestOf(composeDigest(edition, prefs(['robotics', 'visual-rl', 'vlm-reasoning']), { skipEmpty: true }));
    const quiet = editionOf([entry('vla', 'robotics', 40), entry('tts', 'other', 25)]);
    const q = digestOf(composeDigest(quiet, prefs(['visual-rl', 'robotics', 'vlm-reasoning']), { skipEmpty: true }));
    expect(d.sections.map((s) => s.id)).toEqual(['visual-rl', 'vlm-reasoning', 'robotics']);
    expect(ids(q)).toEqual([
      ['visual-rl', []],
      ['vlm-reasoning', []],
      ['robotics', ['vla']],
    ]);
    expect(q.paperCount).toBe(1);
  });

  it('skips a reader whose topics are all empty and who turned "Also trending" off, saying why', () => {
    const quiet = editionOf([entry('t2i', 'image-generation', 50), entry('tts', 'other', 25)]);
    const result = composeDigest(quiet, prefs(['robotics', 'visual-rl'], 5, false), { skipEmpty: true });
    expect(result).toEqual({
      kind: 'skip',
      reason: 'no papers in the chosen topics (visual-rl, robotics) on 2025-11-24 and "Also trending" is off',
      profileKey: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
    });
  });

  it('names the days of an edition of several in the reason', () => {
    const weekend = { ...editionOf([entry('t2i', 'image-generation', 50)], '2025-11-23') };
    weekend.days = ['2025-11-21', '2025-11-22', '2025-11-23'];
    const result = composeDigest(weekend, prefs(['robotics'], 5, true), { skipEmpty: true });
    expect(result.kind === 'skip' && result.reason).toBe(
      'no papers in the chosen topics (robotics) and none trending elsewhere on 2025-11-21 to 2025-11-23',
    );
  });

  it('composes the empty digest when skipEmpty is off, every chosen topic in it', () => {
    const quiet = editionOf([entry('t2i', 'image-generation', 50)]);
    const d = digestOf(composeDigest(quiet, prefs(['robotics'], 5, false), { skipEmpty: false }));
    expect(ids(d)).toEqual([['robotics', []]]);
    expect(d.paperCount).toBe(0);
  });

  it('sends a reader whose topics are all empty when "Also trending" has papers', () => {
    const quiet = editionOf([entry('tts', 'other', 5)]);
    const d = digestOf(composeDigest(quiet, prefs(['robotics'], 5, true), { skipEmpty: true }));
    expect(ids(d)).toEqual([['robotics', []]]);
    expect(d.alsoTrending.map((p) => p.paper.id)).toEqual(['tts']);
  });

  it('carries the days the edition covers', () => {
    const weekend = { ...edition, date: '2025-11-23', days: ['2025-11-21', '2025-11-22', '2025-11-23'] };
    const d = digestOf(composeDigest(weekend, prefs(['robotics']), { skipEmpty: true }));
    expect(d).toMatchObject({ date: '2025-11-23', days: ['2025-11-21', '2025-11-22', '2025-11-23'] });
  });

  it('ignores topics the taxonomy no longer has', () => {
    const d = digestOf(composeDigest(edition, prefs(['robotics', 'retired-theme']), { skipEmpty: true }));
    expect(d.sections.map((s) => s.id)).toEqual(['robotics']);
  });

  it('cuts a real edition (the sample day) with every paper at most once', () => {
    const day = loadSampleDay();
    const real = buildEdition(day.date, day.papers, {
      ranking: { starBonus: 0.05 },
    });
    const d = digestOf(
      composeDigest(real, prefs(['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], 20), {
        skipEmpty: true,
      }),
    );
    const shown = [...d.sections.flatMap((s) => s.papers), ...d.alsoTrending].map((p) => p.paper.id);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toHaveLength(day.papers.length);
  });
});
