export {
  DeliveryLedger,
  DELIVERY_STATUSES,
  ledgerKeys,
  type DeliveryRecord,
  type DeliveryStatus,
  type BatchOutcome,
} from './ledger.ts';
export { planEdition, profilesKey, type PlanDeps, type PlanResult } from './plan-edition.ts';
export { cutBatches, type SendBatchRef } from './batches.ts';
export { sendBatch, type SendDeps, type SendBatchInput, type SendBatchResult } from './send-batch.ts';
export { ProfileRenderer } from './profile-renderer.ts';
export { ReaderAssembler, readerLinks } from './reader-assembler.ts';
export { readerOrderSchema, readerOrdersKey, type ReaderOrder } from './reader-order.ts';
export { SendPacer, type PacerLane } from './pacer.ts';
export { recordDeliveryEvent, eraseReaderOrders, eraseSubscriberDeliveries, type DeliveryEvent } from './events.ts';
export { summariseDeliveries, type DeliverySummary } from './summary.ts';
