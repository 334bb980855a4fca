export {
  saveEdition,
  loadEdition,
  freezeEdition,
  recentEditionDates,
  type SaveEditionResult,
} from './edition-store.ts';
export { buildStoredEdition } from './build-stored-edition.ts';
