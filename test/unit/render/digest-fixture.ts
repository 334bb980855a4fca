import type { Digest } from '../../../src/digest/index.ts';
import type { Paper } from '../../../src/papers/index.ts';
import type { DigestRenderContext } from '../../../src/render/index.ts';
import type { EditionPaper } from '../../../src/themes/index.ts';
import { sampleDigestProps } from '../../../templates/preview-data.ts';

export const context: DigestRenderContext = {
  postalAddress: 'Paperboy, 1 Test Lane, 00000 Testville',
  publicBaseUrl: 'https://paperboy.test',
};

export const recipient = {
  manageUrl: 'https://paperboy.test/preferences?token=abc&x=1',
  unsubscribeUrl: 'https://paperboy.test/unsubscribe?token=def',
};

/** A fixed synthetic digest (two topics, three papers each, plus "Also trending"). */
export function fixedDigest(): Digest {
  return sampleDigestProps('two-topics').digest;
}

/** The busiest day the templates must handle: four topics with five papers each, plus five trending. */
export function busyDigest(): Digest {
  return sampleDigestProps('busy-day').digest;
}

/** A paper whose every field is as long as real data gets. */
export function longPaper(ep: EditionPaper, i: number): EditionPaper {
  const p = ep.paper;
  const paper: Paper = {
    ...p,
    title: `${p.title}: ${'A Very Long Subtitle That Keeps Going '.repeat(4)}${i}`.slice(0, 240),
    authors: [...p.authors, 'Extra Author One', 'Extra Author Two', 'Extra Author Three'],
    organization: {
      name: 'org',
      fullname: 'The Extremely Long Named Institute for Advanced Machine Intelligence Research',
    },
    aiSummary: `${p.aiSummary ?? ''} ${'More detail about the method and its results. '.repeat(10)}`,
    githubStars: 123_456,
    links: {
      ...p.links,
      code: `https://github.com/a-rather-long-organisation-name/${'repository-name-'.repeat(4)}${i}`,
      project: `https://a-rather-long-organisation-name.github.io/${'project-page-'.repeat(4)}${i}/`,
    },
  };
  return { ...ep, paper };
}

/** A digest whose papers carry `paper` overrides (for escaping and placeholder tests). */
export function digestWith(overrides: Partial<Paper>): Digest {
  const digest = fixedDigest();
  const first = digest.sections[0]!;
  const ep = first.papers[0]!;
  const bad: EditionPaper = {
    ...ep,
    paper: { ...ep.paper, ...overrides, links: { ...ep.paper.links, ...overrides.links } },
  };
  return { ...digest, sections: [{ ...first, papers: [bad, ...first.papers.slice(1)] }, ...digest.sections.slice(1)] };
}

/** Every href value in an HTML document. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
}

/** Undoes the HTML escaping of an attribute value. */
export function unescapeAttr(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
