/**
 * Notification templates: parsing, checking and rendering.
 *
 * A template is text with `{{placeholder}}`s and two kinds of sections, so that a line about a
 * missing thing disappears instead of reading "track it here: .":
 *
 *   {{#confirm.link}}...{{/confirm.link}}   shown only when the value is there
 *   {{^buyer.name}}...{{/buyer.name}}       shown only when it is missing
 *
 * Templates are seller data, so rendering never throws: an unknown placeholder renders as empty
 * (and `validateTemplate` reports it for the Settings screen), a stray `{{` stays text. Every value
 * is escaped for its medium (see `escape.ts`); the template's own text is the seller's and is
 * escaped for HTML too, so a seller writes text, never markup.
 */
import type { Locale } from '../i18n/locales.ts';
import { escapeHtml, headerSafe, safeHttpUrl, stripControls } from './escape.ts';
import { smsLength, type SmsLength } from './sms-length.ts';
import type { NotificationContext, NotificationMedium, NotificationTemplate, ParcelLine } from './types.ts';

/** Every placeholder a template may use, in the order the Settings screen lists them. */
export const TEMPLATE_PLACEHOLDERS = [
  'greeting',
  'buyer.name',
  'order.id',
  'order.date',
  'parcels',
  'shop.name',
  'shop.replyTo',
  'tracking.page',
  'confirm.link',
  'review.link',
  'delivery.expected',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

function isPlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

export const TEMPLATE_ISSUE_CODES = [
  'empty',
  'unknown-placeholder',
  'unclosed-section',
  'unexpected-close',
  'stray-braces',
] as const;
export type TemplateIssueCode = (typeof TEMPLATE_ISSUE_CODES)[number];

export interface TemplateIssue {
  field: keyof NotificationTemplate;
  code: TemplateIssueCode;
  /** The placeholder or section concerned. */
  name?: string;
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'value'; name: string }
  | { type: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([^{}]*?)\s*\}\}/g;

/** The template as a tree, and what was wrong with it; a broken template still yields a tree. */
function parse(source: string): { nodes: Node[]; issues: Omit<TemplateIssue, 'field'>[] } {
  const issues: Omit<TemplateIssue, 'field'>[] = [];
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [];
  let children = root;
  let last = 0;
  const pushText = (text: string) => {
    if (text === '') return;
    if (/\{\{|\}\}/.test(text)) issues.push({ code: 'stray-braces' });
    children.push({ type: 'text', text });
  };
  for (const match of source.matchAll(TAG)) {
    pushText(source.slice(last, match.index));
    last = match.index + match[0].length;
    const sigil = match[1] ?? '';
    const name = match[2] ?? '';
    if (sigil === '/') {
      const open = stack.pop();
      if (open === undefined || open.name !== name) {
        issues.push({ code: 'unexpected-close', name });
        if (open !== undefined) stack.push(open);
        continue;
      }
      children = stack.at(-1)?.children ?? root;
      continue;
    }
    if (!isPlaceholder(name)) issues.push({ code: 'unknown-placeholder', name });
    if (sigil === '') {
      children.push({ type: 'value', name });
      continue;
    }
    const section: Node = { type: 'section', name, inverted: sigil === '^', children: [] };
    children.push(section);
    stack.push({ name, children: section.children });
    children = section.children;
  }
  pushText(source.slice(last));
  for (const open of stack) issues.push({ code: 'unclosed-section', name: open.name });
  return { nodes: root, issues };
}

/**
 * What is wrong with a (seller-edited) template: unknown placeholders, unbalanced sections,
 * stray braces, empty parts. An empty list means it renders as written.
 */
export function validateTemplate(template: NotificationTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const field of ['subject', 'body', 'sms'] as const) {
    const source = template[field];
    if (source.trim() === '') issues.push({ field, code: 'empty' });
    for (const issue of parse(source).issues) issues.push({ field, ...issue });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Values

/** A missing buyer name reads naturally only in English ("Hello there"); elsewhere it is empty. */
const NAME_FALLBACK: Record<Locale, string> = { en: 'there', de: '', sv: '', ru: '' };

const GREETING: Record<Locale, { named: (name: string) => string; anonymous: string }> = {
  en: { named: (name) => `Hello ${name},`, anonymous: 'Hello,' },
  de: { named: (name) => `Hallo ${name},`, anonymous: 'Guten Tag,' },
  sv: { named: (name) => `Hej ${name}!`, anonymous: 'Hej!' },
  ru: { named: (name) => `Здравствуйте, ${name}!`, anonymous: 'Здравствуйте!' },
};

const URL_PLACEHOLDERS = {
  'tracking.page': 'trackingPage',
  'confirm.link': 'confirmLink',
  'review.link': 'reviewLink',
} as const satisfies Partial<Record<TemplatePlaceholder, keyof NotificationContext>>;

/** A string field that came from outside, as one clean line; anything that isn't a string is missing. */
function scalar(value: unknown): string {
  return typeof value === 'string' ? headerSafe(value) : '';
}

function formatDay(day: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Two `yyyy-mm-dd` days as one short range in `locale` ("4–6 Dec", "28 Nov – 2 Dec"); the days
 * themselves, whatever the time zone. `null` when either is not a day.
 */
export function formatDayRange(locale: Locale, from: string, to: string): string | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(from) || !day.test(to)) return null;
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return null;
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return a.getTime() === b.getTime() ? format.format(a) : format.formatRange(a, b);
}

interface CleanParcel {
  carrier: string;
  number: string;
  url: string | null;
}

function parcelsOf(context: NotificationContext): CleanParcel[] {
  const parcels: readonly ParcelLine[] = Array.isArray(context.parcels) ? context.parcels : [];
  return parcels
    .map((p) => ({ carrier: scalar(p.carrier), number: scalar(p.number), url: safeHttpUrl(p.url) }))
    .filter((p) => p.number !== '');
}

/** The plain value of a scalar placeholder (one line, no control characters), '' when missing. */
function scalarValue(name: TemplatePlaceholder, context: NotificationContext): string {
  const locale = context.locale;
  switch (name) {
    case 'greeting': {
      const buyerName = scalar(context.buyer?.name);
      return buyerName === '' ? GREETING[locale].anonymous : GREETING[locale].named(buyerName);
    }
    case 'buyer.name':
      return scalar(context.buyer?.name) || NAME_FALLBACK[locale];
    case 'order.id':
      return scalar(context.order?.id);
    case 'order.date': {
      const day = scalar(context.order?.date);
      return day === '' ? '' : formatDay(day, locale);
    }
    case 'shop.name':
      return scalar(context.shop?.name);
    case 'shop.replyTo':
      return scalar(context.shop?.replyTo);
    case 'delivery.expected': {
      const window = context.expectedDelivery;
      if (window === undefined) return '';
      return formatDayRange(locale, scalar(window.from), scalar(window.to)) ?? '';
    }
    case 'parcels':
    case 'tracking.page':
    case 'confirm.link':
    case 'review.link':
      return '';
  }
}

function urlValue(name: keyof typeof URL_PLACEHOLDERS, context: NotificationContext): string | null {
  return safeHttpUrl(context[URL_PLACEHOLDERS[name]]);
}

/** Whether a section on `name` counts as "there" (the raw name, not its English fallback). */
function isPresent(name: string, context: NotificationContext): boolean {
  if (!isPlaceholder(name)) return false;
  if (name === 'parcels') return parcelsOf(context).length > 0;
  if (name in URL_PLACEHOLDERS) return urlValue(name as keyof typeof URL_PLACEHOLDERS, context) !== null;
  if (name === 'buyer.name') return scalar(context.buyer?.name) !== '';
  return scalarValue(name, context) !== '';
}

function link(url: string): string {
  const escaped = escapeHtml(url);
  return `<a href="${escaped}">${escaped}</a>`;
}

/** A placeholder's value written for `medium`; HTML values are markup, the others plain text. */
function renderValue(name: string, context: NotificationContext, medium: NotificationMedium): string {
  if (!isPlaceholder(name)) return '';
  if (name === 'parcels') return renderParcels(parcelsOf(context), medium);
  if (name in URL_PLACEHOLDERS) {
    const url = urlValue(name as keyof typeof URL_PLACEHOLDERS, context);
    if (url === null) return '';
    return medium === 'html' ? link(url) : url;
  }
  const value = scalarValue(name, context);
  return medium === 'html' ? escapeHtml(value) : value;
}

function renderParcels(parcels: CleanParcel[], medium: NotificationMedium): string {
  const label = (p: CleanParcel) => (p.carrier === '' ? p.number : `${p.carrier}: ${p.number}`);
  switch (medium) {
    case 'subject':
      return parcels.map((p) => p.number).join(', ');
    case 'sms':
      return parcels.map((p) => (p.url === null ? label(p) : `${label(p)} ${p.url}`)).join('\n');
    case 'text':
      // With a link each parcel takes two lines; a blank line keeps parcels apart.
      return parcels
        .map((p) => (p.url === null ? label(p) : `${label(p)}\n${p.url}`))
        .join(parcels.some((p) => p.url !== null) ? '\n\n' : '\n');
    case 'html':
      return parcels
        .map((p) => {
          const carrier = p.carrier === '' ? '' : `${escapeHtml(p.carrier)}: `;
          const number =
            p.url === null
              ? escapeHtml(p.number)
              : `<a href="${escapeHtml(p.url)}">${escapeHtml(p.number)}</a>`;
          return carrier + number;
        })
        .join('<br>');
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function evaluate(
  nodes: readonly Node[],
  context: NotificationContext,
  medium: NotificationMedium,
  out: string[],
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      // A value that ends a sentence itself ("20 ноября 2026 г.", "Shop Ltd.") must not get a
      // second full stop from the template.
      const text = out.at(-1)?.endsWith('.') && node.text.startsWith('.') ? node.text.slice(1) : node.text;
      out.push(medium === 'html' ? escapeHtml(text) : text);
    } else if (node.type === 'value') out.push(renderValue(node.name, context, medium));
    else if (isPresent(node.name, context) !== node.inverted) evaluate(node.children, context, medium, out);
  }
}

/**
 * What a missing value leaves behind, cleaned up: lines trimmed, runs of spaces made one, at most
 * one blank line in a row, none at the start or end.
 */
function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

function htmlDocument(bodyMarkup: string, title: string, locale: Locale): string {
  const paragraphs = bodyMarkup
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').join('<br>\n')}</p>`)
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">',
    '<div style="max-width:36em">',
    paragraphs,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * One part of a notification, filled from `context` and escaped for `medium`: the subject line,
 * the plain-text body, the HTML body (a whole document) or the text message.
 */
export function renderNotification(
  template: NotificationTemplate,
  context: NotificationContext,
  medium: NotificationMedium,
): string {
  const source = medium === 'subject' ? template.subject : medium === 'sms' ? template.sms : template.body;
  const out: string[] = [];
  evaluate(parse(source).nodes, context, medium, out);
  const joined = out.join('');
  switch (medium) {
    case 'subject':
      return headerSafe(joined);
    case 'text':
    case 'sms':
      return tidyLines(stripControls(joined));
    case 'html': {
      const title = escapeHtml(renderNotification(template, context, 'subject'));
      return htmlDocument(tidyLines(stripControls(joined)), title, context.locale);
    }
  }
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(template: NotificationTemplate, context: NotificationContext): RenderedEmail {
  return {
    subject: renderNotification(template, context, 'subject'),
    text: renderNotification(template, context, 'text'),
    html: renderNotification(template, context, 'html'),
  };
}

export interface RenderedSms {
  text: string;
  length: SmsLength;
}

export function renderSms(template: NotificationTemplate, context: NotificationContext): RenderedSms {
  const text = renderNotification(template, context, 'sms');
  return { text, length: smsLength(text) };
}
