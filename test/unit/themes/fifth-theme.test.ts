import { describe, expect, it } from 'vitest';
import { composeDigest, validateTopics } from '../../../src/digest/index.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';
import { buildEdition, classifyPaper, THEMES, type Theme } from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

// Adding a theme is a data change: append an entry to the taxonomy. Nothing else names the theme ids.
const audio: Theme = {
  id: 'audio',
  label: 'Speech & audio',
  description: 'Speech recognition and synthesis, music and sound generation.',
  terms: [
    { term: 'text-to-speech', weight: 5 },
    { term: 'speech synthesis', weight: 5 },
    { term: 'speech recognition', weight: 5 },
    { term: 'audio', weight: 2 },
    { term: 'speech', weight: 2 },
  ],
};
const themes: readonly Theme[] = [...THEMES, audio];

const speechPaper = makePaper({
  id: '2511.55555',
  title: 'Streaming Text-to-Speech with Tiny Latency',
  abstract: 'We present a speech synthesis model that streams audio while the text is still being written.',
  upvotes: 12,
});
const robotPaper = makePaper({
  id: '2511.66666',
  title: 'Humanoid Locomotion on Stairs',
  abstract: 'A humanoid robot learns locomotion in simulation and transfers sim-to-real.',
  upvotes: 5,
});

describe('a fifth theme added as data', () => {
  it('classifies into it', () => {
    expect(classifyPaper(speechPaper).theme).toBe('other');
    const c = classifyPaper(speechPaper, { themes });
    expect(c.theme).toBe('audio');
    expect(c.matched.audio).toContain('text-to-speech');
  });

  it('gets its own section, last, in the edition', () => {
    const edition = buildEdition('2025-11-24', [speechPaper, robotPaper], {
      ranking: { starBonus: 0.05 },
      themes,
    });
    expect(edition.sections.map((s) => s.id)).toEqual([...THEMES.map((t) => t.id), 'audio']);
    expect(edition.sections.at(-1)?.papers.map((p) => p.paper.id)).toEqual(['2511.55555']);
    expect(edition.counts.byTheme.audio).toBe(1);

    const prefs = preferencesSchema.parse({ topics: validateTopics(['audio', 'robotics'], themes) });
    const result = composeDigest(edition, prefs, { skipEmpty: true });
    expect(result.kind === 'digest' && result.digest.sections.map((s) => s.id)).toEqual(['robotics', 'audio']);
  });

  it('becomes a valid topic', () => {
    expect(() => validateTopics(['audio'])).toThrow(/unknown topic "audio"/);
    expect(validateTopics(['audio'], themes)).toEqual(['audio']);
  });
});
