/**
 * Buyer notifications on the server: the queue, the sender loop and its transports. `main.ts`
 * wires `createNotificationService` into the server and its routes; the sync push calls `enqueue`.
 */
export { NOTIFICATION_DEFAULTS, readNotificationConfig, type NotificationConfig } from './config.ts';
export { LEASE_EXPIRED_REASON, NOTIFICATION_STATUSES, type NotificationStatus } from './queue.ts';
export { messageIdOf } from './mail-message.ts';
export { mailDirOf, smsLogOf } from './file-transport.ts';
export {
  backoffMs,
  createNotificationService,
  defaultTransports,
  type EnqueueRequest,
  type EnqueueResult,
  type NotificationRecord,
  type NotificationOutcome,
  type NotificationService,
  type NotificationServiceDeps,
  type ReviewDecision,
  type RunSummary,
} from './service.ts';
export type {
  EmailTransport,
  OutgoingEmail,
  OutgoingSms,
  SendResult,
  SmsTransport,
  Transports,
} from './transport.ts';
