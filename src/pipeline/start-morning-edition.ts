import {
  catchUpWindow,
  coveringEditions,
  editionDays,
  firstCoveredDay,
  lastCompleteDay,
  planMorning,
} from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { startEdition, type StartEditionResult } from './start-edition.ts';

export type MorningStart =
  | {
      kind: 'new' | 'existing';
      /** The edition this morning sends (its id is its newest list day). */
      edition: string;
      /** The list days it covers (for a new edition: those proposed, which its fetch claims). */
      days: string[];
      restarted: boolean;
      node: StartEditionResult['node'];
      /** Uncovered list days older than EDITION_MAX_DAYS were left out; this is the newest of them. */
      missedBefore?: string;
    }
  | { kind: 'none'; lastDay: string };

/**
 * Starts the morning edition at `now` (the daily scheduler, `paperboy run` without a date): the complete list days
 * no edition carries yet, at most EDITION_MAX_DAYS back, all fetched again so their votes are final (see
 * `planMorning`). When every complete day is carried already (the morning runs twice), it starts that morning's
 * edition again, which adds nothing unless it failed. A reader therefore gets at most one digest a morning.
 */
export async function startMorningEdition(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'queues' | 'config'>,
  now: Date = new Date(),
): Promise<MorningStart> {
  const { redis, keyspace: ks } = rt;
  const lastDay = lastCompleteDay(now);
  const maxDays = rt.config.editions.maxDays;
  const coveredBy = await coveringEditions(redis, ks, catchUpWindow(lastDay, maxDays + 1));
  const plan = planMorning({ lastDay, maxDays, coveredBy, firstCovered: await firstCoveredDay(redis, ks) });
  if (plan.kind === 'none') return { kind: 'none', lastDay };
  const proposed = plan.kind === 'new' ? plan.days : undefined;
  const { node, restarted } = await startEdition(rt.queues, plan.edition, {
    refresh: true,
    ...(proposed ? { days: proposed } : {}),
  });
  const days = proposed ?? (await editionDays(redis, ks, plan.edition)) ?? [plan.edition];
  return {
    kind: plan.kind,
    edition: plan.edition,
    days,
    restarted,
    node,
    ...(plan.kind === 'new' && plan.missedBefore ? { missedBefore: plan.missedBefore } : {}),
  };
}
