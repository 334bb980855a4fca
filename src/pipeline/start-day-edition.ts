import { coveringEditions } from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { parseEditionDate } from '../shared/dates.ts';
import { ValidationError } from '../shared/errors.ts';
import { startEdition, type StartEditionResult } from './start-edition.ts';

/**
 * Starts the edition of one list day (`paperboy run --date D`, the demo). Refused when another edition already
 * carries the day, so no day goes out twice; when D's own edition exists it is started again, which adds nothing
 * unless it failed (then it keeps the days it claimed). A stored day is reused unless `refresh` is set.
 */
export async function startDayEdition(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'queues'>,
  day: string,
  options: { refresh?: boolean } = {},
): Promise<StartEditionResult> {
  parseEditionDate(day);
  const owner = (await coveringEditions(rt.redis, rt.keyspace, [day])).get(day);
  if (owner !== undefined && owner !== day) {
    throw new ValidationError(
      `list day ${day} went out in edition ${owner} (see \`paperboy deliveries status --date ${owner}\`); a list day is sent once`,
      'date',
    );
  }
  return startEdition(rt.queues, day, { refresh: options.refresh ?? false, days: [day] });
}
