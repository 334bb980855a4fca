import { ValidationError } from '../shared/errors.ts';
import { THEMES, type Theme, type ThemeId } from '../themes/index.ts';

/**
 * Checks chosen topics against the taxonomy and returns them trimmed, de-duplicated and in taxonomy order.
 * Throws a `ValidationError` (field `topics`) naming every unknown topic and listing the known ones.
 */
export function validateTopics(topics: readonly string[], themes: readonly Theme[] = THEMES): ThemeId[] {
  const wanted = new Set(topics.map((t) => t.trim()).filter((t) => t.length > 0));
  const known = new Set(themes.map((t) => t.id));
  const unknown = [...wanted].filter((t) => !known.has(t));
  if (unknown.length > 0) {
    const list = unknown.map((t) => JSON.stringify(t)).join(', ');
    throw new ValidationError(
      `unknown topic${unknown.length > 1 ? 's' : ''} ${list}; choose from ${[...known].join(', ')}`,
      'topics',
    );
  }
  return themes.map((t) => t.id).filter((id) => wanted.has(id));
}
