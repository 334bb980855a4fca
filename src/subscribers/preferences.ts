import { z } from 'zod';

export const MAX_PER_TOPIC = 20;
export const DEFAULT_PER_TOPIC = 5;

/** What a subscriber chose to receive. Topics are theme ids (validated against the taxonomy where stored). */
export const preferencesSchema = z.object({
  topics: z.array(z.string().min(1)).max(50),
  perTopic: z.number().int().min(1).max(MAX_PER_TOPIC).default(DEFAULT_PER_TOPIC),
  alsoTrending: z.boolean().default(true),
});

export type Preferences = z.infer<typeof preferencesSchema>;
