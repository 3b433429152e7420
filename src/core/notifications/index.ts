/**
 * Buyer notifications, the pure part: templates per kind and language, rendering with escaping
 * per medium, SMS length, the buyer's language and phone number. Shared by the Settings screen
 * (preview, validation, SMS counter) and the server's sender (`server/notifications/`).
 */
export * from './types.ts';
export {
  autoNotifications,
  notificationLog,
  notificationRequest,
  refusalFor,
  requestedKey,
  requestedKeys,
  reviewReminderDueAt,
  type AutoNotification,
  type NotificationLogEntry,
  type OrderChange,
  type RequestIds,
  type RequestedKey,
} from './auto.ts';
export { buildNotificationContext, parcelLine, type ContextOptions } from './context.ts';
export { DEFAULT_TEMPLATES, defaultTemplate } from './defaults.ts';
export { TEMPLATE_MAX_CHARS, isCustomized, templateFor, withOverride } from './overrides.ts';
export { escapeHtml, headerSafe, safeHttpUrl, stripControls } from './escape.ts';
export { notificationLocale } from './language.ts';
export {
  notificationTemplateOf,
  renderNotificationMessage,
  type NotificationMessage,
  type NotificationMessageFacts,
  type NotificationMessageRefusal,
  type NotificationMessageRequest,
  type NotificationMessageResult,
} from './outgoing.ts';
export { toE164 } from './phone.ts';
export { isSmsCountry, smsCountriesFor, smsCountryAllowed } from './sms-countries.ts';
export {
  NOTIFY_EXCLUDED_SOURCES,
  cleanEmailAddress,
  notifyRefusal,
  recipientOf,
  type NotifyRefusal,
} from './recipient.ts';
export {
  GSM7_MULTI_SEGMENT_UNITS,
  GSM7_SINGLE_SEGMENT_UNITS,
  UCS2_MULTI_SEGMENT_UNITS,
  UCS2_SINGLE_SEGMENT_UNITS,
  isGsm7,
  smsLength,
  type SmsEncoding,
  type SmsLength,
} from './sms-length.ts';
export {
  TEMPLATE_ISSUE_CODES,
  TEMPLATE_PLACEHOLDERS,
  formatDayRange,
  renderEmail,
  renderNotification,
  renderSms,
  validateTemplate,
  type RenderedEmail,
  type RenderedSms,
  type TemplateIssue,
  type TemplateIssueCode,
  type TemplatePlaceholder,
} from './template.ts';
