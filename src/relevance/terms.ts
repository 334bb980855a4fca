// The words the relevance model sees in a paper: title, AI keywords and abstract, folded to terms (unigrams and
// adjacent-word bigrams), stop words and boilerplate dropped. Pure and deterministic.
import type { Paper } from '../papers/index.ts';

/** Term -> weight. */
export type TermVector = Map<string, number>;

/** Where a word counts more: a title word says more about the paper than an abstract word. */
export const FIELD_WEIGHTS = { title: 3, keywords: 2, abstract: 1 } as const;

/** Longest term kept (longer ones are cut), so a stored vector has a byte bound. */
export const MAX_TERM_LENGTH = 24;

// English function words and the boilerplate of abstracts: they say nothing about what a paper is about.
const STOP = new Set(
  (
    'a about above across after again against all almost along also although am among an and another any are as at ' +
    'be because been before being below between both but by can could did do does doing done down during each ' +
    'either enable enables enabling et etc even ever every few for from further given had has have having here how ' +
    'however i if in into is it its itself just least less like made make makes making many may more most much ' +
    'must near need needs new no nor not novel now of off often on once one only onto or other our ours out over ' +
    'own per rather re same several should show shows shown significant significantly since so some such than ' +
    'that the their them then there these they this those though three through thus to too two under until up ' +
    'upon us use used uses using various very via was we well were what when where whether which while who whose ' +
    'why will with within without would yet you your paper propose proposed proposes present presents introduce ' +
    'introduces introduced approach approaches method methods result results demonstrate demonstrates ' +
    'experiment experiments experimental achieve achieves achieved outperform outperforms existing work works ' +
    'performance state art sota based framework furthermore moreover specifically particular first second ' +
    'including include includes extensive effective effectively improve improves improved improvement ' +
    'address addresses key code available github com http https www released release publicly'
  ).split(' '),
);

/** "policies" -> "policy", "models" -> "model": enough for a word and its plural to meet. */
function singular(word: string): string {
  const n = word.length;
  if (n <= 3 || !word.endsWith('s') || /\d/.test(word)) return word;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes')) {
    return word.slice(0, -2);
  }
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

/** Folded words of a text, `null` where a stop word broke the run (so no bigram spans it). */
function words(text: string): (string | null)[] {
  const lower = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f']/g, '');
  const out: (string | null)[] = [];
  for (const raw of lower.split(/[^a-z0-9]+/)) {
    if (raw.length === 0) continue;
    const word = singular(raw);
    out.push(word.length < 2 || STOP.has(word) || STOP.has(raw) || /^\d+$/.test(word) ? null : word);
  }
  return out;
}

/** Adds the terms of a text (each word, each pair of adjacent words) with a weight. */
export function addTerms(vector: TermVector, text: string, weight: number): void {
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (!w) continue;
    const uni = w.slice(0, MAX_TERM_LENGTH);
    vector.set(uni, (vector.get(uni) ?? 0) + weight);
    const next = ws[i + 1];
    if (next) {
      const bi = `${w} ${next}`.slice(0, MAX_TERM_LENGTH);
      vector.set(bi, (vector.get(bi) ?? 0) + weight);
    }
  }
}

/** The text of a paper the model reads. */
export type PaperText = Pick<Paper, 'title' | 'abstract' | 'aiKeywords'>;

/** Raw term frequencies of a paper, by field weight (sublinear: 1 + log tf, so one repeated word cannot dominate). */
export function paperTerms(paper: PaperText): TermVector {
  const v: TermVector = new Map();
  addTerms(v, paper.title, FIELD_WEIGHTS.title);
  for (const k of paper.aiKeywords ?? []) addTerms(v, k, FIELD_WEIGHTS.keywords);
  addTerms(v, paper.abstract, FIELD_WEIGHTS.abstract);
  for (const [t, f] of v) v.set(t, 1 + Math.log(f));
  return v;
}

/** The terms of a short phrase (a followed keyword), each weighted 1. */
export function phraseTerms(phrase: string): TermVector {
  const v: TermVector = new Map();
  addTerms(v, phrase, 1);
  for (const t of v.keys()) v.set(t, 1);
  return v;
}
