/**
 * The buyer's tracking page as HTML, from plain data: no client script (the CSP forbids inline
 * script, and a buyer on a slow phone should not need any), no third-party request (one stylesheet
 * from our origin), every value escaped. It shows what the buyer needs and no more: the shop, the
 * order number, the status, the parcels; never the name or address (a forwarded link must not
 * leak them).
 */
import { format, type Message, type Params } from '../../src/core/i18n/translate.ts';
import type { Locale } from '../../src/core/i18n/locales.ts';
import { LOCALES } from '../../src/core/i18n/locales.ts';
import { buyerPageMessages, type BuyerPageMessageKey } from '../../src/core/i18n/messages/buyer-page.ts';
import { escapeHtml, formatDayRange, parcelLine } from '../../src/core/notifications/index.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';

export const BUYER_CSS_PATH = '/t/assets/buyer.css';

export function buyerText(locale: Locale, key: BuyerPageMessageKey, params?: Params): string {
  const message: Message = buyerPageMessages[locale][key];
  return format(locale, message, params);
}

/** `yyyy-mm-dd` as the buyer's language writes a date; the day itself, whatever the time zone. */
export function formatDay(locale: Locale, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export interface BuyerPageData {
  locale: Locale;
  token: string;
  shopName: string;
  order: Pick<Order, 'externalId' | 'status' | 'address'>;
  parcels: readonly Parcel[];
  /** The buyer may press "I received my parcel" (something was shipped, not confirmed yet). */
  canConfirm: boolean;
  confirmed: boolean;
  /** Opened from the e-mail's "has it arrived?" link: the question comes first. */
  askConfirm: boolean;
  /** Learned usual windows of parcels on their way, by parcel id (`yyyy-mm-dd` each). */
  expected?: ReadonlyMap<string, { from: string; to: string }>;
  /**
   * Parcels a tracking service has reported on. A parcel outside it, still without a status of
   * the seller's, sends the buyer to the carrier's page instead of showing a status nobody knows.
   */
  trackedByProvider?: ReadonlySet<string>;
}

/** Statuses that say nothing yet about where a parcel is. */
const NO_NEWS = new Set(['pending', 'unknown']);

function document(locale: Locale, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="stylesheet" href="${BUYER_CSS_PATH}">`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}

function parcelItem(data: BuyerPageData, parcel: Parcel): string {
  const t = (key: BuyerPageMessageKey) => escapeHtml(buyerText(data.locale, key));
  const line = parcelLine(parcel, { locale: data.locale, zip: data.order.address.zip });
  const rows: [string, string][] = [
    [t('buyer.parcel.carrier'), escapeHtml(line.carrier)],
    [t('buyer.parcel.number'), `<span class="number">${escapeHtml(line.number)}</span>`],
    [
      t('buyer.parcel.status'),
      NO_NEWS.has(parcel.deliveryStatus) && data.trackedByProvider?.has(parcel.id) === false && line.url
        ? t('buyer.parcel.checkCarrier')
        : t(`buyer.delivery.${parcel.deliveryStatus}`),
    ],
  ];
  const usually = data.expected?.get(parcel.id);
  const usuallyText = usually ? formatDayRange(data.locale, usually.from, usually.to) : null;
  if (usuallyText !== null && parcel.deliveryStatus !== 'delivered') {
    rows.push([t('buyer.parcel.usually'), escapeHtml(usuallyText)]);
  }
  if (parcel.expectedAt && parcel.deliveryStatus !== 'delivered') {
    rows.push([t('buyer.parcel.expected'), escapeHtml(formatDay(data.locale, parcel.expectedAt))]);
  }
  const list = rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('');
  // `parcelLine` only ever gives an http(s) URL; escaped again for the attribute.
  const link = line.url
    ? `<a class="track" href="${escapeHtml(line.url)}" rel="noopener noreferrer" target="_blank">${t('buyer.parcel.track')}</a>`
    : '';
  return `<li class="parcel delivery-${parcel.deliveryStatus}"><dl>${list}</dl>${link}</li>`;
}

export function renderBuyerPage(data: BuyerPageData): string {
  const { locale } = data;
  const t = (key: BuyerPageMessageKey, params?: Params) => escapeHtml(buyerText(locale, key, params));
  const shop = data.shopName;
  const title = buyerText(locale, 'buyer.page.title', { order: data.order.externalId });
  const parcels =
    data.parcels.length === 0
      ? `<p>${t('buyer.parcels.none')}</p>`
      : `<ul class="parcels">${data.parcels.map((p) => parcelItem(data, p)).join('')}</ul>`;
  let confirm = '';
  if (data.confirmed) {
    confirm = `<section class="confirm done" aria-live="polite"><p role="status">${t('buyer.confirm.done')}</p></section>`;
  } else if (data.canConfirm) {
    // Only this POST confirms: mail scanners open (GET, HEAD) every link in a message.
    confirm = [
      `<section class="confirm${data.askConfirm ? ' asked' : ''}">`,
      `<h2>${t('buyer.confirm.question')}</h2>`,
      `<p>${t('buyer.confirm.hint', { shop })}</p>`,
      `<form method="post" action="/t/${escapeHtml(data.token)}">`,
      `<input type="hidden" name="token" value="${escapeHtml(data.token)}">`,
      `<button type="submit">${t('buyer.confirm.button')}</button>`,
      '</form>',
      '</section>',
    ].join('');
  }
  const body = [
    '<main class="page">',
    '<header>',
    shop ? `<p class="shop">${escapeHtml(shop)}</p>` : '',
    `<h1>${escapeHtml(title)}</h1>`,
    '</header>',
    data.askConfirm ? confirm : '',
    `<section class="status"><h2>${t('buyer.order.status')}</h2>`,
    `<p class="status-value status-${data.order.status}">${t(`buyer.order.${data.order.status}`)}</p></section>`,
    `<section><h2>${t('buyer.parcels.title', { count: data.parcels.length })}</h2>${parcels}</section>`,
    data.askConfirm ? '' : confirm,
    shop ? `<footer><p>${t('buyer.footer', { shop })}</p></footer>` : '',
    '</main>',
  ].join('\n');
  return document(locale, shop ? `${title} · ${shop}` : title, body);
}

/** A page without a known language (unknown token, too many requests): every language, briefly. */
export function renderNeutralPage(key: 'buyer.notFound' | 'buyer.tooMany'): string {
  const lines = LOCALES.map((locale) => `<p lang="${locale}">${escapeHtml(buyerText(locale, key))}</p>`).join(
    '\n',
  );
  return document('en', buyerText('en', key), `<main class="page neutral">${lines}</main>`);
}
