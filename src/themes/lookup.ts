import { THEMES } from './taxonomy.ts';
import type { Theme, ThemeId } from './types.ts';

/** The theme ids in taxonomy order (what a subscriber can choose). */
export function themeIds(themes: readonly Theme[] = THEMES): ThemeId[] {
  return themes.map((t) => t.id);
}

/** The theme with this id, if the taxonomy has one. */
export function findTheme(id: ThemeId, themes: readonly Theme[] = THEMES): Theme | undefined {
  return themes.find((t) => t.id === id);
}
