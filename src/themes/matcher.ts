import { ABBREVIATIONS } from './abbreviations.ts';
import { tokenize } from './text.ts';
import type { Theme } from './types.ts';

/** Separates fields and sentences in a token stream; no phrase matches across it. */
export const BOUNDARY = '|';

interface Entry {
  theme: number;
  /** Index into the theme's terms, or -1 for a gate-only phrase. */
  term: number;
  /** Gate indexes this phrase satisfies. */
  gates: number[];
}

/** A taxonomy compiled for matching: phrases keyed by their folded, space-free spelling. */
export interface CompiledTaxonomy {
  themes: readonly Theme[];
  abbreviations: ReadonlyMap<string, readonly string[]>;
  phrases: Map<string, Entry[]>;
  /** Every character prefix of every phrase key, so a scan can stop as soon as nothing can match. */
  prefixes: Set<string>;
}

/** One phrase found in a token stream: where, over how many tokens, and which entries it is. */
export interface Hit {
  start: number;
  length: number;
  entries: readonly Entry[];
}

const compiledCache = new WeakMap<readonly Theme[], CompiledTaxonomy>();

const abbreviationMap = new Map(Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.split(' ')] as const));

// Keys drop spaces so "multi-modal", "multi modal" and "multimodal" fold together.
const keyOf = (phrase: string): string => tokenize(phrase, abbreviationMap).join('');

/** Compiles (once per taxonomy array) the lookup tables used by `scan`. */
export function compileTaxonomy(themes: readonly Theme[]): CompiledTaxonomy {
  const cached = compiledCache.get(themes);
  if (cached) return cached;
  const phrases = new Map<string, Entry[]>();
  const entryFor = (key: string, theme: number): Entry => {
    const list = phrases.get(key) ?? [];
    phrases.set(key, list);
    let entry = list.find((e) => e.theme === theme);
    if (!entry) {
      entry = { theme, term: -1, gates: [] };
      list.push(entry);
    }
    return entry;
  };
  themes.forEach((theme, t) => {
    theme.terms.forEach((term, i) => {
      const key = keyOf(term.term);
      if (key.length > 0) entryFor(key, t).term = i;
    });
    (theme.requires ?? []).forEach((gate, g) => {
      for (const phrase of gate.anyOf) {
        const key = keyOf(phrase);
        if (key.length > 0) entryFor(key, t).gates.push(g);
      }
    });
  });
  const prefixes = new Set<string>();
  for (const key of phrases.keys()) for (let i = 1; i <= key.length; i++) prefixes.add(key.slice(0, i));
  const compiled: CompiledTaxonomy = { themes, abbreviations: abbreviationMap, phrases, prefixes };
  compiledCache.set(themes, compiled);
  return compiled;
}

/** Tokenises text, marking sentence ends (not arXiv line wraps) as boundaries. */
export function tokenizeText(text: string, compiled: CompiledTaxonomy): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/[.;:!?](?:\s+|$)/)) {
    if (out.length > 0) out.push(BOUNDARY);
    for (const token of tokenize(sentence, compiled.abbreviations)) out.push(token);
  }
  return out;
}

/** Every taxonomy phrase occurring in `tokens`, in order of start then length. */
export function scan(tokens: readonly string[], compiled: CompiledTaxonomy): Hit[] {
  const hits: Hit[] = [];
  const { prefixes, phrases } = compiled;
  for (let i = 0; i < tokens.length; i++) {
    let key = '';
    for (let j = i; j < tokens.length; j++) {
      const token = tokens[j] as string;
      if (token === BOUNDARY) break;
      key += token;
      if (!prefixes.has(key)) break;
      const entries = phrases.get(key);
      if (entries) hits.push({ start: i, length: j - i + 1, entries });
    }
  }
  return hits;
}
