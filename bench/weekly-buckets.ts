// How hourly send buckets spread one day's sends: a realistic spread of readers over 24 time zones and a few
// favourite hours, the readers each UTC tick of one day serves (pure; no Redis).
import { dueBuckets } from '../src/pipeline/index.ts';
import { sendBucketId } from '../src/subscribers/index.ts';

/** Readers' zones, weighted roughly like an English-language ML newsletter audience (shares sum to 1). */
export const ZONES: readonly [string, number][] = [
  ['America/Los_Angeles', 0.13],
  ['America/Denver', 0.02],
  ['America/Chicago', 0.05],
  ['America/New_York', 0.16],
  ['America/Sao_Paulo', 0.03],
  ['America/St_Johns', 0.005],
  ['Europe/London', 0.08],
  ['Europe/Paris', 0.06],
  ['Europe/Berlin', 0.07],
  ['Europe/Zurich', 0.02],
  ['Europe/Moscow', 0.015],
  ['Asia/Jerusalem', 0.01],
  ['Asia/Dubai', 0.01],
  ['Asia/Kolkata', 0.09],
  ['Asia/Kathmandu', 0.005],
  ['Asia/Singapore', 0.03],
  ['Asia/Shanghai', 0.09],
  ['Asia/Seoul', 0.035],
  ['Asia/Tokyo', 0.035],
  ['Australia/Sydney', 0.015],
  ['Australia/Adelaide', 0.005],
  ['Pacific/Auckland', 0.005],
  ['Africa/Lagos', 0.005],
  ['UTC', 0.025],
];
/** Local hours readers pick: most keep the default 07:00. */
const HOURS: readonly [number, number][] = [
  [6, 0.1],
  [7, 0.6],
  [8, 0.2],
  [9, 0.1],
];

/** Readers per bucket id for `total` readers, daily cadence. */
export function spreadReaders(total: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [timeZone, zs] of ZONES)
    for (const [hour, hs] of HOURS)
      out.set(sendBucketId({ cadence: 'daily', timeZone, hour }), Math.round(total * zs * hs));
  return out;
}

/** Readers due at each UTC hour of `day` (YYYY-MM-DD). */
export function perHour(buckets: Map<string, number>, day: string): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    const tick = new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
    return dueBuckets(buckets.keys(), tick).reduce((n, d) => n + (buckets.get(d.id) ?? 0), 0);
  });
}

export function printSpread(total: number, day: string): void {
  const buckets = spreadReaders(total);
  const counts = perHour(buckets, day);
  const sum = counts.reduce((a, b) => a + b, 0);
  const peak = Math.max(...counts);
  console.log(`hourly buckets on ${day}: ${buckets.size} buckets over ${ZONES.length} zones, ${sum} sends in the day`);
  console.log(`  per UTC hour: ${counts.map((n, h) => `${String(h).padStart(2, '0')}h ${n}`).join(', ')}`);
  console.log(
    `  peak hour ${String(counts.indexOf(peak)).padStart(2, '0')}:00 UTC: ${peak} sends, ${((100 * peak) / sum).toFixed(1)}% of the day ` +
      `(all at one time: 100%); busiest 3 hours ${(
        (100 *
          [...counts]
            .sort((a, b) => b - a)
            .slice(0, 3)
            .reduce((a, b) => a + b, 0)) /
        sum
      ).toFixed(1)}%`,
  );
}
