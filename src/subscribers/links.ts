import type { Config } from '../config/index.ts';
import { feedbackSigner, verifyFeedbackToken, type FeedbackTokenResult } from './feedback-token.ts';
import { signLinkToken, verifyLinkToken, type LinkPurpose, type LinkTokenResult } from './link-token.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The page each purpose opens. */
export const LINK_PATHS: Record<LinkPurpose, string> = {
  confirm: '/confirm',
  manage: '/preferences',
  unsubscribe: '/unsubscribe',
};

export interface LinkBuilder {
  readonly confirmUrl: (subscriberId: string) => string;
  readonly manageUrl: (subscriberId: string) => string;
  readonly unsubscribeUrl: (subscriberId: string) => string;
  /** The URL of any purpose. */
  readonly url: (subscriberId: string, purpose: LinkPurpose) => string;
  /** A fresh signed token for a purpose, with that purpose's lifetime. */
  readonly token: (subscriberId: string, purpose: LinkPurpose) => string;
  /** Verifies a token from a URL for the expected purpose. */
  readonly verify: (token: string, purpose: LinkPurpose) => LinkTokenResult;
  /** A signed "More/Less like this" link: `/feedback?token=` (lives as long as a manage link). */
  readonly feedbackUrl: (
    subscriberId: string,
    paper: { paperId: string; date: string },
    vote: 'more' | 'less',
  ) => string;
  /** `feedbackUrl` for one reader's links to the papers of one edition (their fields signed once). */
  readonly feedbackUrls: (subscriberId: string, date: string) => (paperId: string, vote: 'more' | 'less') => string;
  readonly verifyFeedback: (token: string) => FeedbackTokenResult;
}

/** Where feedback links point. */
export const FEEDBACK_PATH = '/feedback';

/** How long each kind of link lives, in days, from the configuration. */
export function linkTtlDays(links: Config['links'], purpose: LinkPurpose): number {
  if (purpose === 'confirm') return links.confirmTtlDays;
  if (purpose === 'manage') return links.manageTtlDays;
  return links.unsubscribeTtlDays;
}

/**
 * Builds signed links under `config.web.publicBaseUrl`: `/confirm?token=`, `/preferences?token=` and
 * `/unsubscribe?token=`. The URL holds only the token (an opaque id, a purpose, times and a key id).
 */
export function createLinkBuilder(
  config: { readonly web: { readonly publicBaseUrl: string }; readonly links: Config['links'] },
  options: { now?: () => Date } = {},
): LinkBuilder {
  const now = options.now ?? (() => new Date());
  const token = (subscriberId: string, purpose: LinkPurpose): string => {
    const issuedAt = now();
    const expiresAt = new Date(issuedAt.getTime() + linkTtlDays(config.links, purpose) * DAY_MS);
    return signLinkToken({ subscriberId, purpose, issuedAt, expiresAt }, config.links.secrets);
  };
  const url = (subscriberId: string, purpose: LinkPurpose): string =>
    `${config.web.publicBaseUrl}${LINK_PATHS[purpose]}?token=${token(subscriberId, purpose)}`;
  const feedbackUrls = (subscriberId: string, date: string) => {
    const issuedAt = now();
    const expiresAt = new Date(issuedAt.getTime() + config.links.manageTtlDays * DAY_MS);
    const sign = feedbackSigner({ subscriberId, date, issuedAt, expiresAt }, config.links.secrets);
    const base = `${config.web.publicBaseUrl}${FEEDBACK_PATH}?token=`;
    return (paperId: string, vote: 'more' | 'less') => `${base}${sign(paperId, vote)}`;
  };
  return {
    confirmUrl: (id) => url(id, 'confirm'),
    manageUrl: (id) => url(id, 'manage'),
    unsubscribeUrl: (id) => url(id, 'unsubscribe'),
    url,
    token,
    verify: (t, purpose) => verifyLinkToken(t, config.links.secrets, { purpose, now: now() }),
    feedbackUrl: (subscriberId, paper, vote) => feedbackUrls(subscriberId, paper.date)(paper.paperId, vote),
    feedbackUrls,
    verifyFeedback: (t) => verifyFeedbackToken(t, config.links.secrets, now()),
  };
}
