/** A Daily Papers entry, normalised: whitespace collapsed, optional fields absent rather than empty. */
export interface Paper {
  /** arXiv id, e.g. "2510.11696". */
  id: string;
  title: string;
  /** The arXiv abstract with hard wraps collapsed. */
  abstract: string;
  /** Visible author names, in paper order. */
  authors: string[];
  upvotes: number;
  comments: number;
  /** When it was put on Daily Papers (`paper.submittedOnDailyAt`), ISO 8601. */
  submittedAt: string;
  /** arXiv publication time (`paper.publishedAt`), ISO 8601. */
  publishedAt: string;
  aiSummary?: string;
  aiKeywords?: string[];
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  organization?: { name: string; fullname: string };
  thumbnail?: string;
  links: PaperLinks;
}

export interface PaperLinks {
  /** The paper's page on Hugging Face. */
  page: string;
  abs: string;
  pdf: string;
  code?: string;
  project?: string;
}
