import type { Paper } from './paper.ts';
import type { DailyPaperItem } from './api-schema.ts';

/** Collapses arXiv hard wraps and runs of whitespace. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Turns one validated API item into a Paper. */
export function normaliseItem(item: DailyPaperItem): Paper {
  const p = item.paper;
  const id = p.id.trim();
  // The paper's organisation where the API names one, else the submitter's (the only one on some item shapes).
  const org = p.organization ?? item.organization ?? item.submitterOrganization;
  const githubRepo = httpUrl(p.githubRepo);
  const projectPage = httpUrl(p.projectPage);
  const keywords = p.ai_keywords?.map(collapseWhitespace).filter((k) => k.length > 0);
  const paper: Paper = {
    id,
    title: collapseWhitespace(p.title),
    abstract: collapseWhitespace(p.summary),
    authors: p.authors.filter((a) => a.hidden !== true).map((a) => collapseWhitespace(a.name)),
    upvotes: p.upvotes,
    comments: item.numComments ?? 0,
    // The top-level publishedAt is misleading (see notes); submittedOnDailyAt is when it joined Daily Papers.
    submittedAt: new Date(p.submittedOnDailyAt ?? p.publishedAt).toISOString(),
    publishedAt: new Date(p.publishedAt).toISOString(),
    links: {
      page: `https://huggingface.co/papers/${encodeURIComponent(id)}`,
      abs: `https://arxiv.org/abs/${encodeURIComponent(id)}`,
      pdf: `https://arxiv.org/pdf/${encodeURIComponent(id)}`,
      ...(githubRepo ? { code: githubRepo } : {}),
      ...(projectPage ? { project: projectPage } : {}),
    },
  };
  if (p.ai_summary && p.ai_summary.trim()) paper.aiSummary = collapseWhitespace(p.ai_summary);
  if (keywords && keywords.length > 0) paper.aiKeywords = keywords;
  if (githubRepo) paper.githubRepo = githubRepo;
  if (githubRepo && p.githubStars !== undefined) paper.githubStars = p.githubStars;
  if (projectPage) paper.projectPage = projectPage;
  if (org) paper.organization = { name: org.name, fullname: org.fullname ?? org.name };
  if (item.thumbnail) paper.thumbnail = item.thumbnail;
  return paper;
}
