import type { Digest } from '../../src/digest/index.ts';

/** What differs per recipient; substituted into a profile's rendered digest. */
export interface RecipientVars {
  manageUrl: string;
  unsubscribeUrl: string;
}

/** What a digest needs besides the digest itself. */
export interface DigestRenderContext {
  /** The sender's postal address, shown in the footer. */
  postalAddress: string;
  /** Where Paperboy's web pages live (the footer's home link). */
  publicBaseUrl: string;
  /** Overrides the footer's "why you get this" sentence (default: it names the reader's topics). */
  why?: string;
}

/** The links of one reader's digest (real URLs, or per-recipient placeholders). */
export interface DigestLinks extends RecipientVars {
  /**
   * A paper's "More like this" / "Less like this" link for this reader (issue 16). Absent: the digest shows no
   * feedback links (e.g. a profile's preview); undefined for a paper: that paper shows none (its id cannot be
   * signed).
   */
  feedbackUrl?: (paperId: string, vote: 'more' | 'less') => string | undefined;
}

/**
 * Stand-ins for what differs between readers whose digests share a shape: set only by the per-reader assembler
 * (src/render/assemble.ts), which renders each shape once as a skeleton and fills it per reader. The subject,
 * preheader, count line and contents are written as given, and each section block (see `sectionOrder`) as its slot.
 */
export interface DigestSkeleton {
  subject: string;
  preheader: string;
  countLine: string;
  contents: string;
  /** The stand-in for the section block at this position in reading order. */
  section: (position: number) => string;
}

/** Props of the digest template: the digest, its context, and the links (real or placeholders). */
export interface DigestEmailProps {
  digest: Digest;
  context: DigestRenderContext;
  links: DigestLinks;
  /** Render the skeleton of this digest's shape instead of the whole email (the assembler's use). */
  skeleton?: DigestSkeleton;
}
