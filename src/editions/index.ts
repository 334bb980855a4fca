export { saveEdition, loadEdition, freezeEdition, recentEditionDates, type SaveEditionResult } from './edition-store.ts';
