import { describe, expect, it } from 'vitest';
import { profileKey, validateTopics } from '../../../src/digest/index.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';

const prefs = (topics: string[], perTopic = 5, alsoTrending = true) =>
  preferencesSchema.parse({ topics, perTopic, alsoTrending });

describe('profileKey', () => {
  it('is the same for the same preferences in a different order (and with repeats)', () => {
    const a = profileKey(prefs(['robotics', 'visual-rl', 'image-generation']));
    const b = profileKey(prefs(['image-generation', 'robotics', 'visual-rl', 'robotics']));
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs when any choice differs', () => {
    const base = profileKey(prefs(['robotics']));
    expect(profileKey(prefs(['visual-rl']))).not.toBe(base);
    expect(profileKey(prefs(['robotics'], 3))).not.toBe(base);
    expect(profileKey(prefs(['robotics'], 5, false))).not.toBe(base);
  });

  it('is stable across runs (a fixed value, so stored profiles keep their key)', () => {
    expect(profileKey(prefs(['robotics', 'visual-rl']))).toBe(profileKey(prefs(['visual-rl', 'robotics'])));
    expect(profileKey(prefs([]))).toHaveLength(16);
  });
});

describe('validateTopics', () => {
  it('returns known topics de-duplicated, trimmed, in taxonomy order', () => {
    expect(validateTopics([' robotics', 'visual-rl', 'robotics'])).toEqual(['visual-rl', 'robotics']);
  });

  it('throws a ValidationError naming every unknown topic', () => {
    let caught: unknown;
    try {
      validateTopics(['robotics', 'quantum', 'other']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).field).toBe('topics');
    expect((caught as Error).message).toMatch(/"quantum"/);
    expect((caught as Error).message).toMatch(/"other"/);
    expect((caught as Error).message).toMatch(/visual-rl, image-generation, vlm-reasoning, robotics/);
  });
});
