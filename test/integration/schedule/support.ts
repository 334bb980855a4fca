import { saveEdition } from '../../../src/editions/index.ts';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { sendHour, type HourSummary } from '../../../src/pipeline/index.ts';
import type { Runtime } from '../../../src/runtime/index.ts';
import { addDays } from '../../../src/shared/dates.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import type { Preferences } from '../../../src/subscribers/index.ts';
import { buildEdition } from '../../../src/themes/index.ts';
import type { ScriptedTransport } from '../operators/support.ts';
import { waitFor } from '../operators/support.ts';

const HOUR = 3600_000;
const TOPICS = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];

/** Stores one built daily edition per list day from `first` to `last` (the sample papers, ids made unique per day). */
export async function storeDailyEditions(rt: Runtime, first: string, last: string): Promise<string[]> {
  const sample = loadSampleDay();
  const ids: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const papers = sample.papers.map((p, i) => ({ ...p, id: `${p.id}-${day}`, upvotes: p.upvotes + i }));
    await saveEdition(rt.redis, rt.keyspace, buildEdition(day, papers, { days: [day] }));
    ids.push(day);
  }
  return ids;
}

/** Adds an active reader with a schedule (every topic). */
export async function addReader(rt: Runtime, email: string, schedule: Partial<Preferences>): Promise<string> {
  const { subscriber } = await rt.store.add(
    email,
    { topics: TOPICS, perTopic: 3, alsoTrending: true, ...schedule },
    { confirmed: true },
  );
  return subscriber.id;
}

export interface Delivered {
  to: string;
  edition: string;
  tick: string;
}

/**
 * Moves the clock hour by hour from `from` to `to` (UTC ticks), running the hourly send at each tick and waiting
 * until its send jobs have sent; returns every message with the tick that sent it. The clock is a parameter:
 * nothing waits for the wall clock.
 */
export async function runHours(
  rt: Runtime,
  transport: ScriptedTransport,
  from: string,
  to: string,
  onHour?: (summary: HourSummary) => void,
): Promise<Delivered[]> {
  const delivered: Delivered[] = [];
  let seen = transport.accepted.length;
  for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
    const tick = new Date(t);
    const summary = await sendHour(rt, tick, silentLogger());
    onHour?.(summary);
    if (summary.planned > 0) await drain(rt);
    const fresh = transport.accepted.slice(seen);
    seen = transport.accepted.length;
    for (const m of fresh) delivered.push({ to: m.to, edition: m.tags.edition ?? '', tick: tick.toISOString() });
  }
  return delivered;
}

/** Waits until no send job is waiting or running. */
export async function drain(rt: Runtime): Promise<void> {
  await waitFor(async () => {
    const c = await rt.queues.send.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0);
  }, 'the send jobs to finish');
}
