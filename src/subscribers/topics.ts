import { ValidationError } from '../shared/errors.ts';

/**
 * Checks chosen topics against the known theme ids (the taxonomy) and returns them de-duplicated. An unknown
 * topic is a ValidationError (field `topics`) that names it and lists the valid ones.
 */
export function validateTopics(topics: readonly string[], known: readonly string[]): string[] {
  const unknown = topics.filter((t) => !known.includes(t));
  if (unknown.length > 0) {
    const names = unknown.map((t) => `"${t.slice(0, 40)}"`).join(', ');
    throw new ValidationError(
      `Unknown topic${unknown.length > 1 ? 's' : ''} ${names}; choose from ${known.join(', ')}`,
      'topics',
    );
  }
  return [...new Set(topics)];
}

/** Splits a topic list written `a,b` or `a;b` (CLI flags, CSV cells) into trimmed names. */
export function splitTopicList(input: string, separator: ',' | ';' = ','): string[] {
  return input
    .split(separator)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
