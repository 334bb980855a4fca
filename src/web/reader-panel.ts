import type { WebContext } from './context.ts';
import type { SafeHtml } from './html.ts';
import { readerPanelBody, type ReaderPanel } from './pages/reader-preferences.ts';
import { interestTexts } from './reader-form.ts';

/** The reader's votes, follows and mutes as stored, for the preferences page; `override` replaces parts of it. */
export async function readerPanelFor(
  ctx: WebContext,
  subscriberId: string,
  manageToken: string,
  override: Partial<ReaderPanel> = {},
): Promise<SafeHtml> {
  const state = await ctx.readers.get(subscriberId);
  return readerPanelBody({ votes: state.votes, texts: interestTexts(state.interests), manageToken, ...override });
}
