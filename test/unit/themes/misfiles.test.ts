import { describe, expect, it } from 'vitest';
import { classifyPaper } from '../../../src/themes/index.ts';
import { MISFILE_CASES } from '../../fixtures/themes/misfile-cases.ts';

describe('classifyPaper: the misfiles seen on real days', () => {
  it.each(MISFILE_CASES)('$name', ({ title, abstract, expected }) => {
    expect(classifyPaper({ title, abstract }).theme).toBe(expected);
  });

  it('explains a theme held back by the evidence rule: the term is listed, the score is 0', () => {
    const c = classifyPaper({
      title: 'Calibrated Refusals for Chat Assistants',
      abstract: 'We calibrate refusals of a large language model and of a text-to-image safety filter.',
    });
    expect(c.matched['image-generation']).toContain('text-to-image');
    expect(c.scores['image-generation']).toBe(0);
  });

  it('counts a video world model as evidence of generation, not of visual RL', () => {
    const game = MISFILE_CASES.find((c) => c.name.startsWith('an action-conditioned video world model'))!;
    const c = classifyPaper(game);
    expect(c.matched['image-generation']).toContain('video world model');
    expect(c.matched['visual-rl']).not.toContain('world model');
  });

  it('counts a strong term named in the title as enough evidence', () => {
    const c = classifyPaper({
      title: 'Vision-Language Models Are Overconfident',
      abstract: 'We measure calibration of vision-language models on everyday photos and find them overconfident.',
    });
    expect(c.theme).toBe('vlm-reasoning');
  });

  it('lists negative evidence with a minus sign', () => {
    const c = classifyPaper({
      title: 'Omni Voice: Streaming Speech Generation for Omni-Modal Language Models',
      abstract: 'An omni-modal large language model for multimodal reasoning and speech generation from images.',
    });
    expect(c.matched['vlm-reasoning']).toContain('-speech generation');
  });
});
