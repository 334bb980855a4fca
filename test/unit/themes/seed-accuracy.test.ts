import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyPaper, OTHER_THEME, THEMES } from '../../../src/themes/index.ts';

// The hand-labelled seed listing lives outside the repo (../shared); the test skips cleanly without it.
const seedPath = fileURLToPath(new URL('../../../../shared/fixtures/seed-papers.json', import.meta.url));

const seedSchema = z.array(
  z.looseObject({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    theme: z.string(),
    acceptableThemes: z.array(z.string()).min(1),
  }),
);

describe.skipIf(!existsSync(seedPath))('classifier accuracy on the seed papers', () => {
  it('is at least 95% (a prediction counts when it is one of the acceptable themes)', () => {
    const seed = seedSchema.parse(JSON.parse(readFileSync(seedPath, 'utf8')));
    const labels = [...THEMES.map((t) => t.id), OTHER_THEME];
    const matrix = new Map(labels.map((l) => [l, new Map(labels.map((p) => [p, 0]))]));
    let correct = 0;
    for (const paper of seed) {
      const predicted = classifyPaper({ title: paper.title, abstract: paper.summary }).theme;
      if (paper.acceptableThemes.includes(predicted)) correct += 1;
      const row = matrix.get(paper.theme);
      if (row) row.set(predicted, (row.get(predicted) ?? 0) + 1);
    }
    const accuracy = correct / seed.length;
    const width = Math.max(...labels.map((l) => l.length)) + 2;
    const lines = [
      `seed accuracy: ${correct}/${seed.length} = ${(accuracy * 100).toFixed(1)}%`,
      'confusion matrix (rows: labelled theme, columns: predicted)',
      ''.padEnd(width) + labels.map((l) => l.slice(0, 9).padStart(10)).join(''),
      ...labels.map(
        (l) => l.padEnd(width) + labels.map((p) => String(matrix.get(l)?.get(p) ?? 0).padStart(10)).join(''),
      ),
    ];
    console.log(lines.join('\n'));
    expect(seed.length).toBeGreaterThan(0);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
