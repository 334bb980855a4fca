import { describe, expect, it } from 'vitest';
import { readableLatex } from '../../../templates/components/latex.ts';
import { leadSentences, sentences } from '../../../templates/components/sentences.ts';

describe('readableLatex', () => {
  it.each([
    ['Transformer^2: Self-adaptive LLMs', 'Transformer²: Self-adaptive LLMs'],
    ['X^{2}-Gaussian: 4D Radiative Splatting', 'X²-Gaussian: 4D Radiative Splatting'],
    ['D$^3$QE detects generated images', 'D³QE detects generated images'],
    ['introducing $\\alpha$ moment', 'introducing α moment'],
    ['The framework $\\Psi$-Sampler uses SMC', 'The framework Ψ-Sampler uses SMC'],
    ['metric, $CoT$-$Pass@K$.', 'metric, CoT-Pass@K.'],
    ['E\\textsuperscript{2}R-FLOPs evaluates', 'E2R-FLOPs evaluates'],
    ['UI2Code$^\\text{N}$, a visual model', 'UI2Codeᴺ, a visual model'],
    ['R^textbf{2AI}: Towards', 'R2AI: Towards'],
    ['Prefill \\& Decode', 'Prefill & Decode'],
    ['a 10.3\\% improvement', 'a 10.3% improvement'],
    ['from 50 bug fixes to \\$32,000', 'from 50 bug fixes to $32,000'],
    ['Pok\\\'eChamp and Schr\\"odinger', 'PokéChamp and Schrödinger'],
    ['in 360{\\deg} scenes, 2.3\\times faster, A\\neq B', 'in 360° scenes, 2.3× faster, A≠ B'],
    ['the \\textbf{Distribution Alignment} and \\emph{Uni-Instruct}', 'the Distribution Alignment and Uni-Instruct'],
    ['we introduce \\method to shift', 'we introduce method to shift'],
  ])('%s', (input, expected) => {
    expect(readableLatex(input)).toBe(expected);
  });

  it('leaves money and plain prose alone', () => {
    const prose = 'With a budget of $120, it costs $5 less than ~150 runs (p < 0.05).';
    expect(readableLatex(prose)).toBe(prose);
  });
});

describe('sentences', () => {
  it('does not break after the abbreviations of scientific prose', () => {
    expect(
      sentences('We follow Smith et al. in using it, e.g. for video. Results improve by 2.5 points. Fig. 2 shows it.'),
    ).toEqual([
      'We follow Smith et al. in using it, e.g. for video.',
      'Results improve by 2.5 points.',
      'Fig. 2 shows it.',
    ]);
  });

  it('keeps whole sentences: the text when it fits, else its first sentences, at least one', () => {
    const text = 'First sentence here. Second one is a little longer. Third.';
    expect(leadSentences(text, 100)).toBe(text);
    expect(leadSentences(text, 50)).toBe('First sentence here.');
    expect(leadSentences(text, 5)).toBe('First sentence here.');
  });
});
