/** One slice of an edition's recipient list: one provider call. */
export interface SendBatchRef {
  /** Unique within the edition: `<list id>-<n>`. */
  batchId: string;
  profileKey: string;
  /** The recipient list's id within the edition (a profile key, or `retry-<n>-<profile>`), never a Redis key. */
  listId: string;
  start: number;
  count: number;
  /** Replay the stored batch (an operator retry of deliveries whose outcome is unknown), tagged by attempt. */
  replay?: string;
}

/**
 * Cuts a list of `length` recipients into batches of at most `batchSize`, numbered from 0: `<list>-<i>` for a full
 * batch and `<list>-<i>-n<count>` for a short last one. A batch id thus always names the same slice, so planning
 * again after recipients were appended (a crash mid-plan, new subscribers before the rerun) adds a new batch for the
 * longer tail instead of finding the old short one "already there"; where the two overlap, the ledger lets only one
 * of them claim each recipient.
 */
export function cutBatches(listId: string, profileKey: string, length: number, batchSize: number): SendBatchRef[] {
  const batches: SendBatchRef[] = [];
  for (let start = 0, i = 0; start < length; start += batchSize, i += 1) {
    const count = Math.min(batchSize, length - start);
    const batchId = count === batchSize ? `${listId}-${i}` : `${listId}-${i}-n${count}`;
    batches.push({ batchId, profileKey, listId, start, count });
  }
  return batches;
}
