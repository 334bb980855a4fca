import type { EditionPaper } from '../../src/themes/index.ts';
import { readable } from './paper-view.ts';

/** A subject longer than this is cut off by most inboxes (and reads as a list, not a line). */
export const SUBJECT_MAX = 80;

// Words a shortened name should not end on.
const STOP_WORDS = new Set(
  'a an and are as at by for from in into is of on or the to via with without towards toward'.split(' '),
);

/** The title's words up to `max` characters, never cutting a word, ending on a content word, with "…". */
function firstWords(title: string, max: number): string | undefined {
  const words: string[] = [];
  for (const word of title.split(' ')) {
    if ([...words, word].join(' ').length + 1 > max) break;
    words.push(word);
  }
  while (
    words.length > 1 &&
    STOP_WORDS.has(
      words
        .at(-1)!
        .toLowerCase()
        .replace(/[^a-z]/g, ''),
    )
  )
    words.pop();
  const cut = words.join(' ').replace(/[\s,;:.\-–—]+$/, '');
  return cut.length >= 2 ? `${cut}…` : undefined;
}

/** "QeRL, a quantization-enhanced RL framework" from an AI summary that opens "QeRL, a ..., does ...". */
function describedName(head: string, summary: string): string | undefined {
  if (head.length < 2 || !summary.startsWith(`${head}, `)) return undefined;
  const apposition = /^(an? [^,;:.()]{4,70}),/.exec(summary.slice(head.length + 2))?.[1];
  return apposition ? `${head}, ${apposition}` : undefined;
}

/**
 * Names for a paper that a researcher recognises, best first, each at most `max` characters and none cut inside a
 * word: the title when it fits, the title up to its colon (or dash), then the title's first words.
 */
export function paperNames(ep: EditionPaper, max: number): string[] {
  // Kept per paper and length: every reader's subject and preheader name the edition's papers again.
  let known = names.get(ep.paper);
  if (!known) names.set(ep.paper, (known = new Map<number, string[]>()));
  let found = known.get(max);
  if (!found) {
    found = Object.freeze(namesOf(ep, max)) as string[];
    known.set(max, found);
  }
  return found;
}

const names = new WeakMap<EditionPaper['paper'], Map<number, string[]>>();

function namesOf(ep: EditionPaper, max: number): string[] {
  const title = readable(ep.paper.title);
  const names: string[] = [];
  if (title.length <= max) names.push(title);
  const head = title.split(/:\s| -{1,2} | – | — /)[0]?.trim() ?? '';
  // A one-word name (an acronym like "QeRL") says little alone: the AI summary usually says what it is
  // ("QeRL, a quantization-enhanced reinforcement learning framework, ...").
  const described = !head.includes(' ') ? describedName(head, readable(ep.paper.aiSummary)) : undefined;
  if (described && described.length <= max && title.length > max) names.push(described);
  if (head !== title && head.length >= 2 && head.length <= max) names.push(head);
  const words = firstWords(title, max);
  if (words) names.push(words);
  return names;
}

function byScore(papers: EditionPaper[]): EditionPaper[] {
  return [...papers].sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
}

const whole = (name: string | undefined): name is string => name !== undefined && !name.endsWith('…');

/**
 * The subject: the date, then the lead paper(s) by name and how many more, at most `SUBJECT_MAX` characters:
 * "Daily Papers 24 Nov: GlimpseRL and Dreaming in Latents + 9 more". Two whole names when they fit, else one whole
 * name, else the lead title's first words. `picked` ("For you") lead; then the rest by score.
 */
export function digestSubject(
  picked: EditionPaper[],
  inTopics: EditionPaper[],
  trending: EditionPaper[],
  when: string,
): string {
  const prefix = `Daily Papers, ${when}: `;
  const topical = picked.length + inTopics.length > 0;
  const pool = topical ? [...picked, ...byScore(inTopics)] : byScore(trending);
  const where = topical ? '' : ' trending';
  const [first, second] = pool;
  if (!first) return `${prefix}nothing new in your topics`;
  const tail = (named: number) => (pool.length > named ? ` + ${pool.length - named} more${where}` : where);
  const room = (named: number) => SUBJECT_MAX - prefix.length - tail(named).length;
  // A lead known by a bare acronym ("SLA") reads better alone with what it is ("SLA: Beyond Sparsity in
  // Diffusion Transformers…", or the AI summary's "SLA, a ... method") than paired with another bare name.
  const bare = !readable(first.paper.title)
    .split(/:\s| -{1,2} | – | — /)[0]!
    .includes(' ');
  const described = bare ? paperNames(first, room(1)).find((n) => n.includes(' ')) : undefined;
  if (described) return `${prefix}${described}${tail(1)}`;
  if (second) {
    const shared = room(2) - ' and '.length;
    for (const a of paperNames(first, shared).filter(whole)) {
      const b = paperNames(second, shared - a.length).find(whole);
      if (b) return `${prefix}${a} and ${b}${tail(2)}`;
    }
  }
  const names = paperNames(first, room(1));
  const one = names.find(whole) ?? names[0];
  return one ? `${prefix}${one}${tail(1)}` : `${prefix}${pool.length} new papers${where}`;
}

/**
 * The preheader: one line saying what is new today in the reader's topics, naming each topic's lead paper
 * ("Today in your topics: GlimpseRL (Visual RL), Dreaming in Latents (Robotics)."), at most about 150 characters,
 * dropping whole entries rather than cutting one.
 */
export function digestPreheader(
  leads: { label: string; paper: EditionPaper }[],
  trending: EditionPaper[],
  period: string,
): string {
  const max = 150;
  if (leads.length === 0) {
    const names = trending[0] ? paperNames(trending[0], 60) : [];
    const top = names.find(whole) ?? names[0];
    return top
      ? `Nothing new in your topics ${period}; trending elsewhere: ${top}.`
      : `Nothing new in your topics ${period}.`;
  }
  let line = `${period === 'today' ? 'Today' : `New ${period}`} in your topics:`;
  let added = 0;
  for (const lead of leads) {
    const name = paperNames(lead.paper, 50)[0];
    if (!name) continue;
    const entry = `${added === 0 ? ' ' : ', '}${name} (${lead.label})`;
    if (line.length + entry.length + 1 > max) break;
    line += entry;
    added += 1;
  }
  return `${line}.`;
}
