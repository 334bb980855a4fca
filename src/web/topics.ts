import { THEMES } from '../themes/index.ts';

/** A topic a subscriber can choose: a theme of the taxonomy. */
export interface TopicOption {
  id: string;
  label: string;
  description: string;
}

/** The taxonomy's themes, in taxonomy order. */
export function defaultTopics(): TopicOption[] {
  return THEMES.map((t) => ({ id: t.id, label: t.label, description: t.description }));
}
