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

/** Cuts a list of `length` recipients into batches of at most `batchSize`, numbered from 0. */
export function cutBatches(listId: string, profileKey: string, length: number, batchSize: number): SendBatchRef[] {
  const batches: SendBatchRef[] = [];
  for (let start = 0, i = 0; start < length; start += batchSize, i += 1) {
    batches.push({ batchId: `${listId}-${i}`, profileKey, listId, start, count: Math.min(batchSize, length - start) });
  }
  return batches;
}
