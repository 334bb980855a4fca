export {
  saveEdition,
  loadEdition,
  freezeEdition,
  recentEditionDates,
  editionFreezeTimes,
  editionCount,
  editionDatesPage,
  type SaveEditionResult,
} from './edition-store.ts';
export { buildStoredEdition } from './build-stored-edition.ts';
export { claimDays, releaseDays, editionDays, coveringEditions, firstCoveredDay } from './coverage.ts';
export { lastCompleteDay, catchUpWindow, planMorning, type MorningInput, type MorningPlan } from './morning-days.ts';
export { recordSentPapers, recentlySentPapers, editionPaperIds, SENT_PAPERS_KEPT } from './sent-papers.ts';
export {
  buildWeeklyEdition,
  weeklyEditionId,
  isWeeklyEditionId,
  weeklyWindow,
  WEEKLY_PER_THEME,
  WEEK_DAYS,
} from './weekly-edition.ts';
export { buildStoredWeekly } from './weekly-store.ts';
