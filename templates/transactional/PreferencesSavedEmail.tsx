import { z } from 'zod';
import { cleanText } from '../components/clean.ts';
import { NoticeEmail } from '../components/NoticeEmail.tsx';
import { noticeText, type NoticeContent } from '../components/notice.ts';
import { noticeMjml } from '../components/notice.mjml.ts';
import { SAMPLE_POSTAL_ADDRESS, SAMPLE_RECIPIENT, SAMPLE_TOPIC_LABELS } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { httpUrlSchema } from './schemas.ts';

/** Props of the "preferences saved" email. */
export interface PreferencesSavedEmailProps {
  manageUrl: string;
  unsubscribeUrl: string;
  topics: string[];
  postalAddress: string;
}
type Props = PreferencesSavedEmailProps;

export const preferencesSavedSchema = z.object({
  manageUrl: httpUrlSchema,
  unsubscribeUrl: httpUrlSchema,
  topics: z.array(z.string()),
  postalAddress: z.string().min(1),
}) satisfies z.ZodType<Props>;

/** What the "preferences saved" email says. */
export function preferencesSavedContent(p: Props): NoticeContent {
  const topics = p.topics.map(cleanText).filter((t) => t !== '');
  return {
    title: 'Your Paperboy topics are saved',
    preheader:
      topics.length > 0
        ? `From the next edition, your digest covers ${topics.join(', ')}.`
        : 'You have no topics selected for now.',
    heading: 'Your topics are saved',
    paragraphs:
      topics.length > 0
        ? ['From the next edition, your daily digest covers these topics.']
        : ['You have no topics selected for now, so your digest will only show what is trending, if you kept that.'],
    ...(topics.length > 0 ? { list: { heading: 'Your topics', items: topics } } : {}),
    cta: { label: 'Change my topics', url: p.manageUrl },
    secondary: [],
    footer: {
      why: 'You get this email because the topics of your Paperboy subscription were just changed.',
      links: [
        { label: 'Manage your topics', url: p.manageUrl },
        { label: 'Unsubscribe', url: p.unsubscribeUrl },
      ],
      postalAddress: cleanText(p.postalAddress),
    },
  };
}

/** Confirms a change of topics. */
export default function PreferencesSavedEmail(props: Props) {
  return <NoticeEmail {...preferencesSavedContent(props)} />;
}

PreferencesSavedEmail.PreviewProps = {
  manageUrl: SAMPLE_RECIPIENT.manageUrl,
  unsubscribeUrl: SAMPLE_RECIPIENT.unsubscribeUrl,
  topics: SAMPLE_TOPIC_LABELS,
  postalAddress: SAMPLE_POSTAL_ADDRESS,
} satisfies Props;

export const preferencesSavedTemplate: EmailTemplate<Props> = {
  name: 'preferences-saved',
  description: 'Preferences saved',
  schema: preferencesSavedSchema,
  subject: (p) => preferencesSavedContent(p).title,
  preheader: (p) => preferencesSavedContent(p).preheader,
  text: (p) => noticeText(preferencesSavedContent(p)),
  react: (p) => <PreferencesSavedEmail {...p} />,
  mjml: (p) => noticeMjml(preferencesSavedContent(p)),
  samples: { default: PreferencesSavedEmail.PreviewProps },
};
