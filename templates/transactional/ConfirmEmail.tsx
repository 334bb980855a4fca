import { z } from 'zod';
import { NoticeEmail } from '../components/NoticeEmail.tsx';
import type { NoticeContent } from '../components/notice.ts';
import { noticeMjml } from '../components/notice.mjml.ts';
import { noticeText } from '../components/notice.ts';
import { cleanText } from '../components/clean.ts';
import { SAMPLE_BASE_URL, SAMPLE_POSTAL_ADDRESS, SAMPLE_TOPIC_LABELS } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { httpUrlSchema } from './schemas.ts';

/** Props of the double opt-in email. */
export interface ConfirmEmailProps {
  confirmUrl: string;
  /** Topic labels as the reader should see them. */
  topics: string[];
  postalAddress: string;
  /** How long the confirmation link works, if it expires. */
  expiresInDays?: number;
}
type Props = ConfirmEmailProps;

export const confirmSchema = z.object({
  confirmUrl: httpUrlSchema,
  topics: z.array(z.string()),
  postalAddress: z.string().min(1),
  expiresInDays: z.number().int().positive().optional(),
}) satisfies z.ZodType<Props>;

/** What the confirmation email says. */
export function confirmContent(p: Props): NoticeContent {
  const topics = p.topics.map(cleanText).filter((t) => t !== '');
  const expiry = p.expiresInDays ? ` The link works for ${p.expiresInDays} days.` : '';
  return {
    title: 'Confirm your Paperboy subscription',
    preheader: 'One click to start your daily digest of papers in the topics you chose.',
    heading: 'Confirm your subscription',
    paragraphs: [
      'Thanks for signing up to Paperboy, a daily digest of the most discussed new AI papers, grouped by topic.',
      `Please confirm this address to start receiving it. Until you do, we will not send you anything else.${expiry}`,
    ],
    ...(topics.length > 0 ? { list: { heading: 'Your topics', items: topics } } : {}),
    cta: { label: 'Confirm my subscription', url: p.confirmUrl },
    ctaFallback: 'If the button does not work, open this link:',
    secondary: [],
    footer: {
      why: 'You get this email because this address was entered on Paperboy. If it was not you, ignore it: without a confirmation, nothing more will be sent.',
      links: [],
      postalAddress: cleanText(p.postalAddress),
    },
  };
}

/** Asks a new subscriber to confirm their address (double opt-in). */
export default function ConfirmEmail(props: Props) {
  return <NoticeEmail {...confirmContent(props)} />;
}

ConfirmEmail.PreviewProps = {
  confirmUrl: `${SAMPLE_BASE_URL}/confirm?token=sample-confirm-token`,
  topics: SAMPLE_TOPIC_LABELS,
  postalAddress: SAMPLE_POSTAL_ADDRESS,
  expiresInDays: 7,
} satisfies Props;

export const confirmTemplate: EmailTemplate<Props> = {
  name: 'confirm',
  description: 'Confirm subscription (double opt-in)',
  schema: confirmSchema,
  subject: (p) => confirmContent(p).title,
  preheader: (p) => confirmContent(p).preheader,
  text: (p) => noticeText(confirmContent(p)),
  react: (p) => <ConfirmEmail {...p} />,
  mjml: (p) => noticeMjml(confirmContent(p)),
  samples: { default: ConfirmEmail.PreviewProps, 'no-topics': { ...ConfirmEmail.PreviewProps, topics: [] } },
};
