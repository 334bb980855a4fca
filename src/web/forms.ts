import { z } from 'zod';
import { DEFAULT_PER_TOPIC, MAX_PER_TOPIC, validateTopics } from '../subscribers/index.ts';
import { ValidationError } from '../shared/errors.ts';
import type { ChoiceValues } from './pages/topic-fields.ts';

const oneOrMany = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The topic/perTopic/alsoTrending fields as a browser posts them (absent checkbox = unticked). */
const choiceFields = {
  topics: oneOrMany,
  perTopic: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? DEFAULT_PER_TOPIC : Number(v)))
    .pipe(z.number().int().min(1).max(MAX_PER_TOPIC)),
  alsoTrending: z
    .union([z.literal('on'), z.literal('true'), z.literal('1')])
    .optional()
    .transform((v) => v !== undefined),
};

const choicesForm = z.object(choiceFields);
const subscribeForm = z.object({ email: z.string().max(400).default(''), ...choiceFields });

function firstIssue(error: z.ZodError): ValidationError {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? 'form');
  const message =
    field === 'perTopic'
      ? `Papers per topic must be a whole number from 1 to ${MAX_PER_TOPIC}`
      : field === 'topics'
        ? 'The topics could not be read'
        : `The form field "${field}" could not be read`;
  return new ValidationError(message, field);
}

/** Parses posted choices; throws a ValidationError naming the field (an unknown topic is named). */
export function parseChoices(body: unknown, knownTopics: readonly string[]): ChoiceValues {
  const parsed = choicesForm.safeParse(body ?? {});
  if (!parsed.success) throw firstIssue(parsed.error);
  return { ...parsed.data, topics: validateTopics(parsed.data.topics, knownTopics) };
}

/** Parses the subscribe form: the raw email (validated by the store) and the choices. */
export function parseSubscribeForm(body: unknown, knownTopics: readonly string[]): ChoiceValues & { email: string } {
  const parsed = subscribeForm.safeParse(body ?? {});
  if (!parsed.success) throw firstIssue(parsed.error);
  return { ...parsed.data, topics: validateTopics(parsed.data.topics, knownTopics) };
}

/** Whatever the form held, for re-showing it after an error (never throws). */
export function lenientValues(body: unknown): ChoiceValues & { email: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const topics = Array.isArray(b.topics) ? b.topics : typeof b.topics === 'string' ? [b.topics] : [];
  const perTopic = Number(b.perTopic);
  return {
    email: typeof b.email === 'string' ? b.email.slice(0, 400) : '',
    topics: topics.filter((t): t is string => typeof t === 'string'),
    perTopic: Number.isInteger(perTopic) && perTopic >= 1 && perTopic <= MAX_PER_TOPIC ? perTopic : DEFAULT_PER_TOPIC,
    alsoTrending: b.alsoTrending !== undefined,
  };
}
