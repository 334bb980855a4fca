import { z } from 'zod';
import { cleanText } from '../components/clean.ts';
import { NoticeEmail } from '../components/NoticeEmail.tsx';
import { noticeText, type NoticeContent } from '../components/notice.ts';
import { noticeMjml } from '../components/notice.mjml.ts';
import { SAMPLE_BASE_URL, SAMPLE_POSTAL_ADDRESS } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { httpUrlSchema } from './schemas.ts';

/** Props of the goodbye email sent after an unsubscribe. */
export interface GoodbyeEmailProps {
  resubscribeUrl: string;
  postalAddress: string;
}
type Props = GoodbyeEmailProps;

export const goodbyeSchema = z.object({
  resubscribeUrl: httpUrlSchema,
  postalAddress: z.string().min(1),
}) satisfies z.ZodType<Props>;

/** What the goodbye email says. */
export function goodbyeContent(p: Props): NoticeContent {
  return {
    title: 'You are unsubscribed from Paperboy',
    preheader: 'You will not receive the daily digest any more.',
    heading: 'You are unsubscribed',
    paragraphs: [
      'You will not receive the Paperboy daily digest any more. Sorry to see you go.',
      'Changed your mind? You can subscribe again in one click.',
    ],
    cta: { label: 'Subscribe again', url: p.resubscribeUrl },
    secondary: [],
    footer: {
      why: 'This is the last email Paperboy sends you: it confirms that you unsubscribed.',
      links: [],
      postalAddress: cleanText(p.postalAddress),
    },
  };
}

/** Confirms an unsubscription. */
export default function GoodbyeEmail(props: Props) {
  return <NoticeEmail {...goodbyeContent(props)} />;
}

GoodbyeEmail.PreviewProps = {
  resubscribeUrl: `${SAMPLE_BASE_URL}/subscribe`,
  postalAddress: SAMPLE_POSTAL_ADDRESS,
} satisfies Props;

export const goodbyeTemplate: EmailTemplate<Props> = {
  name: 'goodbye',
  description: 'Goodbye after unsubscribe',
  schema: goodbyeSchema,
  subject: (p) => goodbyeContent(p).title,
  preheader: (p) => goodbyeContent(p).preheader,
  text: (p) => noticeText(goodbyeContent(p)),
  react: (p) => <GoodbyeEmail {...p} />,
  mjml: (p) => noticeMjml(goodbyeContent(p)),
  samples: { default: GoodbyeEmail.PreviewProps },
};
