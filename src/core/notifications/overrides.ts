/**
 * The seller's own message texts over the built-in ones. The app's preview and the server's
 * rendering both resolve a template here, so what the seller previews is what the buyer gets.
 */
import type { Locale } from '../i18n/locales.ts';
import { defaultTemplate } from './defaults.ts';
import type { NotificationKind, NotificationTemplate, TemplateOverride, TemplateOverrides } from './types.ts';

/**
 * Longest part a seller may write, in characters. A subject longer than ~200 is cut by every mail
 * client anyway; 1,000 SMS characters are already 7+ parts; 5,000 is several screens of e-mail.
 */
export const TEMPLATE_MAX_CHARS = { subject: 200, body: 5_000, sms: 1_000 } as const satisfies Record<
  keyof NotificationTemplate,
  number
>;

const PARTS = ['subject', 'body', 'sms'] as const;

/** The template used for `kind` in `locale`: each part the seller's, else the default's. */
export function templateFor(
  kind: NotificationKind,
  locale: Locale,
  overrides: TemplateOverrides | undefined,
): NotificationTemplate {
  const base = defaultTemplate(kind, locale);
  const own = overrides?.[kind]?.[locale];
  if (own === undefined) return base;
  return {
    subject: own.subject ?? base.subject,
    body: own.body ?? base.body,
    sms: own.sms ?? base.sms,
  };
}

/** Whether the seller changed any part of this message. */
export function isCustomized(
  overrides: TemplateOverrides | undefined,
  kind: NotificationKind,
  locale: Locale,
): boolean {
  const own = overrides?.[kind]?.[locale];
  return own !== undefined && PARTS.some((part) => own[part] !== undefined);
}

/**
 * `overrides` with this message set to `template` (`null`: back to the default). Only the parts
 * that differ from the default are kept, so an edit undone by hand stores nothing.
 */
export function withOverride(
  overrides: TemplateOverrides | undefined,
  kind: NotificationKind,
  locale: Locale,
  template: NotificationTemplate | null,
): TemplateOverrides {
  const base = defaultTemplate(kind, locale);
  const own: TemplateOverride = {};
  if (template !== null) {
    for (const part of PARTS) if (template[part] !== base[part]) own[part] = template[part];
  }
  const perLocale = { ...overrides?.[kind] };
  if (Object.keys(own).length > 0) perLocale[locale] = own;
  else delete perLocale[locale];
  const next: TemplateOverrides = { ...overrides };
  if (Object.keys(perLocale).length > 0) next[kind] = perLocale;
  else delete next[kind];
  return next;
}
