import type { Digest } from '../src/digest/index.ts';
import type { Paper } from '../src/papers/index.ts';
import type { DigestEmailProps } from './digest/props.ts';
import type { Preferences } from '../src/subscribers/index.ts';
import type { Edition, EditionPaper } from '../src/themes/index.ts';
import { samplePapers } from './preview-papers.ts';

/**
 * Synthetic sample data shared by the preview server, the tests, the bench and the CLI. Every paper, name and
 * organisation here is invented.
 */
export const SAMPLE_POSTAL_ADDRESS = 'Paperboy, 12 Rue des Exemples, 75000 Paris, France';
export const SAMPLE_BASE_URL = 'https://paperboy.example.org';

/** Recipient links as a real send would fill them in. */
export const SAMPLE_RECIPIENT = {
  manageUrl: `${SAMPLE_BASE_URL}/preferences?token=sample-manage-token`,
  unsubscribeUrl: `${SAMPLE_BASE_URL}/unsubscribe?token=sample-unsubscribe-token`,
} as const;

export const SAMPLE_TOPIC_LABELS = ['Visual RL', 'VLM reasoning', 'Robotics'];

/** A sample date (a Monday). */
const SAMPLE_DATE = '2025-11-24';

const THEMES = [
  {
    id: 'visual-rl',
    label: 'Visual RL',
    description: 'Agents that learn to act from pixels: visual world models, representations for control, games.',
  },
  {
    id: 'image-generation',
    label: 'Image & video generation',
    description: 'Diffusion, flow and autoregressive generators of images and video, editing, and their alignment.',
  },
  {
    id: 'vlm-reasoning',
    label: 'VLM reasoning',
    description: 'Multimodal LLMs that reason: RL for VLMs, thinking with images, grounding, visual chain of thought.',
  },
  {
    id: 'robotics',
    label: 'Robotics',
    description: 'Robots that act in the world: manipulation, locomotion, humanoids, VLA models, sim-to-real.',
  },
] as const;

function ranked(papers: Paper[], theme: string): EditionPaper[] {
  return papers.map((paper) => ({
    paper,
    score: paper.upvotes + paper.comments * 0.5,
    classification: { theme, secondary: [], scores: { [theme]: 1 }, matched: { [theme]: [] } },
  }));
}

/** A synthetic edition: four themes with six papers each, and six papers outside every theme. */
export function sampleEdition(date: string = SAMPLE_DATE): Edition {
  const sections = THEMES.map((t) => ({ ...t, papers: ranked(samplePapers(t.id, date), t.id) }));
  const other = ranked(samplePapers('other', date), 'other');
  const byTheme = Object.fromEntries(sections.map((s) => [s.id, s.papers.length]));
  const total = sections.reduce((n, s) => n + s.papers.length, 0) + other.length;
  return {
    date,
    days: [date],
    builtAt: `${date}T06:30:00.000Z`,
    sections,
    other,
    counts: { papers: total, other: other.length, byTheme },
  };
}

/** A weekend's edition (Friday to Sunday) in which no paper was filed under Visual RL. */
export function sampleWeekendEdition(): Edition {
  const edition = sampleEdition('2025-11-23');
  const sections = edition.sections.map((s) => (s.id === 'visual-rl' ? { ...s, papers: [] } : s));
  const byTheme = Object.fromEntries(sections.map((s) => [s.id, s.papers.length]));
  const papers = sections.reduce((n, s) => n + s.papers.length, 0) + edition.other.length;
  return {
    ...edition,
    days: ['2025-11-21', '2025-11-22', '2025-11-23'],
    sections,
    counts: { ...edition.counts, papers, byTheme },
  };
}

/** Cuts a digest from an edition the way composition does (for samples; production uses src/digest). */
function sampleDigest(edition: Edition, prefs: Preferences, profileKey: string): Digest {
  const sections = edition.sections
    .filter((s) => prefs.topics.includes(s.id))
    .map((s) => ({ ...s, papers: s.papers.slice(0, prefs.perTopic) }));
  return {
    date: edition.date,
    days: edition.days,
    profileKey,
    sections,
    alsoTrending: prefs.alsoTrending ? edition.other.slice(0, prefs.perTopic) : [],
    paperCount: sections.reduce((n, s) => n + s.papers.length, 0),
  };
}

/** Sample preference profiles, by name; `busy-day` is the size test's worst case. */
export const SAMPLE_PROFILES: Readonly<Record<string, Preferences>> = {
  'busy-day': {
    topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
    perTopic: 5,
    alsoTrending: true,
  },
  'two-topics': { topics: ['vlm-reasoning', 'robotics'], perTopic: 3, alsoTrending: true },
  'one-topic': { topics: ['image-generation'], perTopic: 5, alsoTrending: false },
  'trending-only': { topics: [], perTopic: 3, alsoTrending: true },
  'weekend-empty-topic': { topics: ['visual-rl', 'robotics'], perTopic: 3, alsoTrending: true },
};

/** The digest template's props for a sample profile (placeholder-free links, as one recipient would get them). */
export function sampleDigestProps(profile: string, edition: Edition = sampleEdition()): DigestEmailProps {
  const prefs = SAMPLE_PROFILES[profile];
  if (!prefs) throw new Error(`no sample profile "${profile}"`);
  return {
    digest: sampleDigest(edition, prefs, `sample-${profile}`),
    context: { postalAddress: SAMPLE_POSTAL_ADDRESS, publicBaseUrl: SAMPLE_BASE_URL },
    links: { ...SAMPLE_RECIPIENT },
  };
}

/**
 * A reader's own digest (issue 16): two papers picked "For you" with the reason each is there, and "More like
 * this" / "Less like this" links under every paper.
 */
export function samplePersonalDigestProps(): DigestEmailProps {
  const base = sampleDigestProps('two-topics');
  const digest = base.digest;
  const picked = [digest.sections[1]!.papers[1]!, digest.alsoTrending[0]!];
  const ids = new Set(picked.map((ep) => ep.paper.id));
  const sections = digest.sections.map((s) => ({ ...s, papers: s.papers.filter((ep) => !ids.has(ep.paper.id)) }));
  const why: Record<string, string> = {
    [picked[0]!.paper.id]: `You follow: ${picked[0]!.paper.authors[0] ?? 'this author'}`,
    [picked[1]!.paper.id]: 'You follow: benchmarks',
  };
  return {
    ...base,
    digest: {
      ...digest,
      profileKey: 'sample-for-you',
      sections,
      alsoTrending: digest.alsoTrending.filter((ep) => !ids.has(ep.paper.id)),
      paperCount: picked.length + sections.reduce((n, s) => n + s.papers.length, 0),
      forYou: picked,
      why,
    },
    links: {
      ...SAMPLE_RECIPIENT,
      feedbackUrl: (paperId, vote) => `${SAMPLE_BASE_URL}/feedback?token=sample-${vote}-${encodeURIComponent(paperId)}`,
    },
  };
}
