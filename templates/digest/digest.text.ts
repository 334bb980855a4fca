import type { DigestView, PaperView, SectionView } from './view.ts';

/** A paper's lines after its number: title, byline, why, stats, summary, links, then a blank line. */
function paperLines(p: PaperView): string[] {
  const byline = [p.authors, p.organization].filter(Boolean).join(' · ');
  const lines = [p.title];
  if (byline) lines.push(`   ${byline}`);
  if (p.why) lines.push(`   ${p.why}`);
  lines.push(`   ${p.stats}`, `   ${p.summary}`);
  // The paper's page is also its discussion link; written out once.
  if (p.url && !p.links.some((link) => link.url === p.url)) lines.push(`   Paper: ${p.url}`);
  for (const link of [...p.links, ...p.feedback]) lines.push(`   ${link.label}: ${link.url}`);
  return [...lines, ''];
}

/** How the n-th paper of a section starts: its number. */
export function paperNumber(n: number): string {
  return `${n}. `;
}

/** A paper's text after its number, whatever its position (the blank line after it included). */
export function paperTextBody(p: PaperView): string {
  return paperLines(p).join('\n');
}

/** The n-th paper of a section as one chunk of the text (its lines, then the blank line after it). */
export function paperTextBlock(p: PaperView, n: number): string {
  return paperNumber(n) + paperTextBody(p);
}

function sectionText<T>(s: SectionView, paper: (p: PaperView, n: number) => T): (string | T)[] {
  const heading = s.label.toUpperCase();
  return [
    heading,
    '='.repeat(Math.min(heading.length, 60)),
    s.description,
    '',
    ...(s.emptyNote ? [s.emptyNote, ''] : []),
    ...s.papers.map((p, i) => paper(p, i + 1)),
  ];
}

/**
 * The digest's plain text as chunks that `join('\n')` makes whole: lines, and each paper as `paper(p, n)` gives it
 * (`paperTextBlock` for the text itself; the assembler puts in blocks it keeps per paper instead).
 */
export function digestTextChunks<T>(v: DigestView, paper: (p: PaperView, n: number) => T): (string | T)[] {
  const lines: (string | T)[] = [`DAILY PAPERS · ${v.dateLong}`, v.countLine, ''];
  if (v.webEdition) lines.push(`View in browser: ${v.webEdition}`, '');
  if (v.contents) lines.push(`In this issue: ${v.contents}`, '');
  if (v.forYou) lines.push(...sectionText(v.forYou, paper));
  for (const s of v.sections) lines.push(...sectionText(s, paper));
  if (v.alsoTrending) lines.push(...sectionText(v.alsoTrending, paper));
  if (v.moreOnline) lines.push(`${v.moreOnline.label}: ${v.moreOnline.url}`, '');
  lines.push('--', v.footer.why, '');
  for (const link of v.footer.links) lines.push(`${link.label}: ${link.url}`);
  lines.push('', v.footer.postalAddress, '');
  return lines;
}

/** The digest's plain-text part: the same content as the HTML, every link written out. */
export function digestText(v: DigestView): string {
  return digestTextChunks(v, paperTextBlock).join('\n');
}
