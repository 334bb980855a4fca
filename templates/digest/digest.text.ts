import type { DigestView, PaperView, SectionView } from './view.ts';

function paperText(p: PaperView, n: number): string[] {
  const byline = [p.authors, p.organization].filter(Boolean).join(' · ');
  const lines = [`${n}. ${p.title}`];
  if (byline) lines.push(`   ${byline}`);
  if (p.why) lines.push(`   ${p.why}`);
  lines.push(`   ${p.stats}`, `   ${p.summary}`);
  // The paper's page is also its discussion link; written out once.
  if (p.url && !p.links.some((link) => link.url === p.url)) lines.push(`   Paper: ${p.url}`);
  for (const link of [...p.links, ...p.feedback]) lines.push(`   ${link.label}: ${link.url}`);
  return [...lines, ''];
}

function sectionText(s: SectionView): string[] {
  const heading = s.label.toUpperCase();
  return [
    heading,
    '='.repeat(Math.min(heading.length, 60)),
    s.description,
    '',
    ...(s.emptyNote ? [s.emptyNote, ''] : []),
    ...s.papers.flatMap((p, i) => paperText(p, i + 1)),
  ];
}

/** The digest's plain-text part: the same content as the HTML, every link written out. */
export function digestText(v: DigestView): string {
  const lines = [`DAILY PAPERS · ${v.dateLong}`, v.countLine, ''];
  if (v.webEdition) lines.push(`View in browser: ${v.webEdition}`, '');
  if (v.contents) lines.push(`In this issue: ${v.contents}`, '');
  if (v.forYou) lines.push(...sectionText(v.forYou));
  for (const s of v.sections) lines.push(...sectionText(s));
  if (v.alsoTrending) lines.push(...sectionText(v.alsoTrending));
  if (v.moreOnline) lines.push(`${v.moreOnline.label}: ${v.moreOnline.url}`, '');
  lines.push('--', v.footer.why, '');
  for (const link of v.footer.links) lines.push(`${link.label}: ${link.url}`);
  lines.push('', v.footer.postalAddress, '');
  return lines.join('\n');
}
