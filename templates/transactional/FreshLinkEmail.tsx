import { z } from 'zod';
import { cleanText } from '../components/clean.ts';
import { NoticeEmail } from '../components/NoticeEmail.tsx';
import { noticeText, type NoticeContent } from '../components/notice.ts';
import { noticeMjml } from '../components/notice.mjml.ts';
import { SAMPLE_POSTAL_ADDRESS, SAMPLE_RECIPIENT } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { httpUrlSchema } from './schemas.ts';

/** Props of the "fresh link to your preferences" email. */
export interface FreshLinkEmailProps {
  manageUrl: string;
  unsubscribeUrl: string;
  /** How long the manage link works. */
  manageTtlDays: number;
  postalAddress: string;
}

export const freshLinkSchema = z.object({
  manageUrl: httpUrlSchema,
  unsubscribeUrl: httpUrlSchema,
  manageTtlDays: z.number().int().positive(),
  postalAddress: z.string().min(1),
}) satisfies z.ZodType<FreshLinkEmailProps>;

/** What the fresh-link email says. */
export function freshLinkContent(p: FreshLinkEmailProps): NoticeContent {
  return {
    title: 'Your link to Paperboy preferences',
    preheader: 'A fresh link to choose what Paperboy sends you.',
    heading: 'Your Paperboy preferences',
    paragraphs: [
      'Someone (hopefully you) asked for a link to change what Paperboy sends to this address.',
      `The link works for ${p.manageTtlDays} days. If you did not ask for it, you can ignore this email.`,
    ],
    cta: { label: 'Choose your topics', url: p.manageUrl },
    ctaFallback: 'If the button does not work, open this link:',
    secondary: [],
    footer: {
      why: 'You get this email because a link to your Paperboy preferences was requested for this address.',
      links: [{ label: 'Unsubscribe', url: p.unsubscribeUrl }],
      postalAddress: cleanText(p.postalAddress),
    },
  };
}

/** A fresh preferences link: an expired link was opened, or an active subscriber used the subscribe form. */
export default function FreshLinkEmail(props: FreshLinkEmailProps) {
  return <NoticeEmail {...freshLinkContent(props)} />;
}

FreshLinkEmail.PreviewProps = {
  manageUrl: SAMPLE_RECIPIENT.manageUrl,
  unsubscribeUrl: SAMPLE_RECIPIENT.unsubscribeUrl,
  manageTtlDays: 90,
  postalAddress: SAMPLE_POSTAL_ADDRESS,
} satisfies FreshLinkEmailProps;

export const freshLinkTemplate: EmailTemplate<FreshLinkEmailProps> = {
  name: 'fresh-link',
  description: 'Fresh preferences link',
  schema: freshLinkSchema,
  subject: (p) => freshLinkContent(p).title,
  preheader: (p) => freshLinkContent(p).preheader,
  text: (p) => noticeText(freshLinkContent(p)),
  react: (p) => <FreshLinkEmail {...p} />,
  mjml: (p) => noticeMjml(freshLinkContent(p)),
  samples: { default: FreshLinkEmail.PreviewProps },
};
