/**
 * Buyer notifications on the server: the queue (`queue.ts`, all its SQL), the sender loop
 * (`sender.ts`) and its transports, wired together by `createNotificationService`, which
 * `main.ts` and the routes use; the sync push calls its `enqueue`.
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
