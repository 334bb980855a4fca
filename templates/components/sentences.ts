/**
 * Whole sentences of a text, for summaries that are never cut mid-clause. Sentence breaks come from the ICU
 * segmenter built into Node (`Intl.Segmenter`), with the abbreviations of scientific prose ("e.g.", "et al.",
 * "Fig. 2") glued back to the sentence they belong to.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// A segment ending in one of these did not end a sentence.
const ABBREVIATION =
  /(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|approx|resp|incl|Dr|Prof)\.|\b[A-Z]\.)\s*$/;

/** The text's sentences, trimmed, in order. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = out.at(-1);
    if (last !== undefined && ABBREVIATION.test(last)) out[out.length - 1] = `${last} ${segment.trim()}`;
    else if (segment.trim() !== '') out.push(segment.trim());
  }
  return out;
}

/**
 * The text whole when it fits in `max` characters, else as many of its first sentences as fit (at least the first,
 * whatever its length): never a cut inside a sentence.
 */
export function leadSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const all = sentences(text);
  let out = all[0] ?? text;
  for (const next of all.slice(1)) {
    if (out.length + 1 + next.length > max) break;
    out = `${out} ${next}`;
  }
  return out;
}
