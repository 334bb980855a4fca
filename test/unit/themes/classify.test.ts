import { describe, expect, it } from 'vitest';
import { classifyPaper, THEMES, type ClassifiableText } from '../../../src/themes/index.ts';
import { HARD_CASES, THEME_CASES } from '../../fixtures/themes/cases.ts';

const classify = (title: string, abstract: string, extra: Partial<ClassifiableText> = {}) =>
  classifyPaper({ title, abstract, ...extra });

describe('classifyPaper: each theme', () => {
  it.each(THEME_CASES)('$name -> $expected', ({ title, abstract, expected }) => {
    expect(classify(title, abstract).theme).toBe(expected);
  });

  it('covers every theme of the taxonomy with at least one case', () => {
    const covered = new Set(THEME_CASES.map((c) => c.expected));
    for (const theme of THEMES) expect(covered).toContain(theme.id);
  });
});

describe('classifyPaper: hard cases', () => {
  it.each(HARD_CASES)('$name', ({ title, abstract, expected }) => {
    expect(classify(title, abstract).theme).toBe(expected);
  });
});

describe('classifyPaper: folding of the text', () => {
  const abstract = 'We train a policy for grasping with a robot arm.';

  it('is insensitive to arXiv hard wraps, case and hyphenation', () => {
    const a = classify('Sim-to-Real Transfer for Legged Robots', abstract);
    const b = classify('SIM TO REAL transfer for\n  legged\n  robots', abstract);
    const c = classify('Sim to real transfer for legged-robots', abstract);
    expect(b.scores).toEqual(a.scores);
    expect(c.scores).toEqual(a.scores);
    expect(a.matched.robotics).toContain('sim-to-real');
  });

  it('treats plurals as the singular', () => {
    const one = classify('A humanoid', 'A humanoid robot walks.');
    const many = classify('Humanoids', 'Humanoid robots walk.');
    expect(many.scores.robotics).toBe(one.scores.robotics);
  });

  it('treats joined and split spellings alike ("multimodal", "multi-modal", "multi modal")', () => {
    const text = 'reasoning benchmark for multimodal large language models on charts and diagrams';
    const joined = classify('Multimodal reasoning', text);
    const split = classify('Multi-modal reasoning', text.replace('multimodal', 'multi modal'));
    expect(split.scores['vlm-reasoning']).toBe(joined.scores['vlm-reasoning']);
  });

  it.each([
    ['VLA', 'vision-language-action', 'robotics'],
    ['T2I', 'text-to-image', 'image-generation'],
    ['MLLMs', 'multimodal large language models', 'vlm-reasoning'],
    ['VLMs', 'vision-language models', 'vlm-reasoning'],
    ['T2V', 'text-to-video', 'image-generation'],
  ])('expands the abbreviation %s like "%s"', (abbreviation, full, theme) => {
    const body = 'We evaluate on images and videos from a real robot camera and report results.';
    const short = classify(`Scaling ${abbreviation} models`, body);
    const long = classify(`Scaling ${full} models`, body);
    expect(short.scores[theme]).toBe(long.scores[theme]);
    expect(short.scores[theme]).toBeGreaterThan(0);
  });
});

describe('classifyPaper: explanation and thresholds', () => {
  it('reports a score for every theme and the terms that matched', () => {
    const c = classify('Text-to-Image Diffusion Models', 'A latent diffusion model for image synthesis.');
    expect(Object.keys(c.scores)).toEqual(THEMES.map((t) => t.id));
    expect(c.matched['image-generation']).toEqual(
      expect.arrayContaining(['text-to-image', 'latent diffusion', 'image synthesis']),
    );
    expect(c.matched.robotics).toEqual([]);
  });

  it('uses the AI keywords and summary when present', () => {
    const bare = classify('Project Falcon', 'We present Falcon and evaluate it.');
    const withAi = classify('Project Falcon', 'We present Falcon and evaluate it.', {
      aiSummary: 'Falcon is a vision-language-action model for robot manipulation.',
      aiKeywords: ['VLA', 'bimanual manipulation', 'teleoperation'],
    });
    expect(bare.theme).toBe('other');
    expect(withAi.theme).toBe('robotics');
  });

  it('lists a secondary theme when a second theme scores high enough', () => {
    const c = classify(
      'Latent World Models for Robot Manipulation',
      'We learn a latent world model from camera images of a robot and train robot policies with model-based\n' +
        'reinforcement learning in imagination, then deploy them on a real robot arm for pick-and-place.',
    );
    expect([c.theme, ...c.secondary].sort()).toEqual(['robotics', 'visual-rl']);
  });

  it('does not let one passing word open a gate ("image" once in an RL paper about trading)', () => {
    const c = classify(
      'Deep Reinforcement Learning for Portfolio Allocation',
      'An actor-critic agent learns a trading policy from market rewards. Its state is like an image of prices.',
    );
    expect(c.theme).toBe('other');
    expect(c.scores['visual-rl']).toBe(0);
  });

  it('is deterministic', () => {
    const { title, abstract } = HARD_CASES[1]!;
    expect(classify(title, abstract)).toEqual(classify(title, abstract));
  });
});
