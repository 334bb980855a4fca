import { THEMES } from './taxonomy.ts';
import type { Theme, ThemeId } from './types.ts';

/** The theme ids in taxonomy order (what a subscriber can choose). */
export function themeIds(themes: readonly Theme[] = THEMES): ThemeId[] {
  return themes.map((t) => t.id);
}
