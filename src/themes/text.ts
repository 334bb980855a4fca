// Text normalisation shared by terms and papers, so that both sides of a match are folded the same way.

/**
 * Folds one lowercase word to a crude singular: "policies" -> "policy", "boxes" -> "box", "models" -> "model".
 * Not a linguistic stemmer: it only has to map a term and its plural to the same string, on both sides.
 */
export function singular(word: string): string {
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */ || /\d/.test(word)) return word;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

type Abbreviations = ReadonlyMap<string, readonly string[]>;

// Folding a word is pure and vocabularies are small, so remember each word's tokens (bounded, per abbreviation map).
const MAX_CACHED_WORDS = 100_000;
const foldCaches = new WeakMap<Abbreviations, Map<string, readonly string[]>>();

function foldWord(
  word: string,
  abbreviations: Abbreviations,
  cache: Map<string, readonly string[]>,
): readonly string[] {
  let folded = cache.get(word);
  if (folded === undefined) {
    const single = singular(word);
    folded = abbreviations.get(single) ?? abbreviations.get(word) ?? [single];
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    cache.set(word, folded);
  }
  return folded;
}

/**
 * Splits text into folded tokens: lowercased, accents dropped, any run of non-alphanumerics (spaces, arXiv hard
 * wraps, hyphens, slashes) is a boundary, each token singularised, and abbreviations expanded in place
 * ("VLMs" -> vision language model).
 */
export function tokenize(text: string, abbreviations: Abbreviations): string[] {
  let cache = foldCaches.get(abbreviations);
  if (!cache) {
    cache = new Map();
    foldCaches.set(abbreviations, cache);
  }
  // eslint-disable-next-line no-control-regex -- ASCII fast path: only non-ASCII text needs Unicode folding.
  const ascii = !/[^\x00-\x7f]/.test(text);
  const lower = ascii
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[\u0300-\u036f]/g, '');
  const out: string[] = [];
  for (const word of lower.replace(/'/g, '').split(/[^a-z0-9]+/)) {
    if (word.length === 0) continue;
    for (const token of foldWord(word, abbreviations, cache)) out.push(token);
  }
  return out;
}
