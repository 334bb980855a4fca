import type { Config } from '../config/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { Subscriber, SubscriberStore } from '../subscribers/index.ts';
import type { BackgroundWork } from './background.ts';
import type { TransactionalMailer } from '../transactional/index.ts';
import type { NoticeSchedule } from './notice-schedule.ts';

/**
 * Sends the notices the schedule allows, when it says: the coalesced "preferences saved" email at the end of its
 * window (with the preferences as they are then), and the optional goodbye once.
 */
export class Notices {
  constructor(
    private readonly config: Config,
    private readonly schedule: NoticeSchedule,
    private readonly store: SubscriberStore,
    private readonly mailer: TransactionalMailer,
    private readonly background: BackgroundWork,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** An active subscriber changed their preferences (already stored). */
  async preferencesChanged(subscriber: Subscriber): Promise<void> {
    const due = await this.schedule.preferencesChanged(subscriber.id);
    if (due) this.sendPreferencesAt(subscriber.id, due);
  }

  /** Picks up the notices that were due or pending when the process (re)started. */
  async resume(): Promise<void> {
    const pending = await this.schedule.pendingPreferencesNotices();
    for (const { subscriberId, dueAt } of pending) this.sendPreferencesAt(subscriberId, dueAt);
    if (pending.length > 0) this.logger.info({ count: pending.length }, 'resumed pending preferences notices');
  }

  /** A subscriber left: a goodbye, when configured and never sent to them before. */
  async unsubscribed(subscriber: Subscriber): Promise<void> {
    if (!this.config.notices.goodbye) return;
    if (await this.schedule.firstGoodbye(subscriber.id)) await this.mailer.sendGoodbye(subscriber);
  }

  private sendPreferencesAt(subscriberId: string, dueAt: Date): void {
    const delayMs = Math.max(0, dueAt.getTime() - this.now().getTime());
    this.background.later('preferences-saved email', delayMs, async () => {
      if (!(await this.schedule.takePreferencesNotice(subscriberId))) return; // another process sent it
      const subscriber = await this.store.get(subscriberId);
      if (subscriber?.status === 'active') await this.mailer.sendPreferencesSaved(subscriber);
    });
  }
}
