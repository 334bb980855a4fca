import type { DeliveryLedger, DeliveryRecord } from './ledger.ts';

/** What happened to an edition's deliveries, as `deliveries status --json` prints it. */
export interface DeliverySummary {
  date: string;
  total: number;
  sent: number;
  failed: number;
  /** Attempted, but whether the provider sent them is not known (see DeliveryStatus). */
  unknown: number;
  /** Queued or being sent. */
  pending: number;
  skipped: number;
  failures: { subscriberId: string; status: 'failed' | 'unknown'; attempts: number; reason: string }[];
}

export async function summariseDeliveries(
  ledger: DeliveryLedger,
  date: string,
  maxFailures = 1000,
): Promise<DeliverySummary> {
  const c = await ledger.counts(date);
  const failed: DeliveryRecord[] = c.failed + c.unknown > 0 ? await ledger.failed(date) : [];
  return {
    date,
    total: c.queued + c.sending + c.sent + c.failed + c.unknown + c.skipped,
    sent: c.sent,
    failed: c.failed,
    unknown: c.unknown,
    pending: c.queued + c.sending,
    skipped: c.skipped,
    failures: failed.slice(0, maxFailures).map((r) => ({
      subscriberId: r.subscriberId,
      status: r.status === 'unknown' ? ('unknown' as const) : ('failed' as const),
      attempts: r.attempts,
      reason: r.lastError ?? 'unknown',
    })),
  };
}
