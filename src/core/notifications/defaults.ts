/**
 * The messages buyers get unless the seller rewrites them: every kind in every language. Written
 * the way a small shop would write them: short, friendly, one thing per message. German uses
 * "Sie", Swedish "du", Russian "вы", as shops in those markets usually do.
 *
 * SMS texts keep to the GSM-7 alphabet where the language allows (no typographic quotes or
 * dashes): one such character would make every message UCS-2 and halve what fits in a part.
 */
import type { Locale } from '../i18n/locales.ts';
import type { NotificationKind, NotificationTemplate } from './types.ts';

/** "Shop name: " before a text message, because an SMS sender number alone says nothing. */
const SMS_PREFIX = '{{#shop.name}}{{shop.name}}: {{/shop.name}}';

function signOff(closing: string): string {
  return `${closing}{{#shop.name}}\n{{shop.name}}{{/shop.name}}`;
}

function lines(...parts: string[]): string {
  return parts.join('\n\n');
}

const en: Record<NotificationKind, NotificationTemplate> = {
  preparing: {
    subject: "We're getting your order {{order.id}} ready",
    body: lines(
      '{{greeting}}',
      "Thank you for your order {{order.id}}{{#order.date}} placed on {{order.date}}{{/order.date}}. We're packing it now and will let you know as soon as it's on its way.",
      'If you have a question, just reply to this email{{#shop.replyTo}} or write to {{shop.replyTo}}{{/shop.replyTo}}.',
      signOff('Best wishes,'),
    ),
    sms: `${SMS_PREFIX}We're packing your order {{order.id}} now. We'll send you the tracking number once it ships.`,
  },
  reminder: {
    subject: 'A quick update on your order {{order.id}}',
    body: lines(
      '{{greeting}}',
      "We haven't forgotten your order {{order.id}}: we're still getting it ready. As soon as the parcel is on its way, we'll send you the tracking details.",
      'Thank you for your patience!',
      signOff('Best wishes,'),
    ),
    sms: `${SMS_PREFIX}Your order {{order.id}} is still being prepared. We'll let you know as soon as it ships. Thanks for your patience!`,
  },
  shipped: {
    subject: 'Your order {{order.id}} is on its way',
    body: lines(
      '{{greeting}}',
      'Good news: your order {{order.id}} has been shipped.',
      "{{#parcels}}You can follow the delivery on the carrier's website:\n\n{{parcels}}\n\nIt can take up to a day before the first update shows there.{{/parcels}}",
      '{{#delivery.expected}}Our parcels like this one usually arrive {{delivery.expected}}.{{/delivery.expected}}',
      '{{#tracking.page}}Everything about your order in one place: {{tracking.page}}{{/tracking.page}}',
      '{{#confirm.link}}Once your parcel has arrived, please let us know here: {{confirm.link}}{{/confirm.link}}',
      signOff('Best wishes,'),
    ),
    sms: `${SMS_PREFIX}Your order {{order.id}} is on its way.\n{{parcels}}`,
  },
  delivered: {
    subject: 'Your order {{order.id}} has been delivered',
    body: lines(
      '{{greeting}}',
      'According to the carrier, your order {{order.id}} has been delivered. We hope you enjoy it!',
      "If it hasn't reached you or something isn't right, just reply to this email and we'll sort it out.",
      signOff('Best wishes,'),
    ),
    sms: `${SMS_PREFIX}Your order {{order.id}} has been delivered. If anything is wrong, just get in touch!`,
  },
  review_reminder: {
    subject: 'Are you happy with your order {{order.id}}?',
    body: lines(
      '{{greeting}}',
      "We hope your order {{order.id}} arrived safely and that you're happy with it.",
      "{{#review.link}}If you have a minute, we'd be very grateful for a review: {{review.link}}{{/review.link}}{{^review.link}}If you have a minute, we'd be very grateful for a review on the site where you ordered.{{/review.link}} It helps a small shop like ours a lot.",
      "If anything isn't right, please reply to this email first. We'll gladly help.",
      signOff('Best wishes,'),
    ),
    sms: `${SMS_PREFIX}We hope you're happy with your order {{order.id}}! A review would help us a lot{{#review.link}}: {{review.link}}{{/review.link}}{{^review.link}}.{{/review.link}}`,
  },
};

const de: Record<NotificationKind, NotificationTemplate> = {
  preparing: {
    subject: 'Ihre Bestellung {{order.id}} wird vorbereitet',
    body: lines(
      '{{greeting}}',
      'vielen Dank für Ihre Bestellung {{order.id}}{{#order.date}} vom {{order.date}}{{/order.date}}. Wir packen sie gerade und melden uns, sobald sie unterwegs ist.',
      'Bei Fragen antworten Sie einfach auf diese E-Mail{{#shop.replyTo}} oder schreiben Sie an {{shop.replyTo}}{{/shop.replyTo}}.',
      signOff('Viele Grüße'),
    ),
    sms: `${SMS_PREFIX}Ihre Bestellung {{order.id}} wird gerade verpackt. Die Sendungsnummer schicken wir Ihnen, sobald sie unterwegs ist.`,
  },
  reminder: {
    subject: 'Kurzes Update zu Ihrer Bestellung {{order.id}}',
    body: lines(
      '{{greeting}}',
      'wir haben Ihre Bestellung {{order.id}} nicht vergessen: Sie wird gerade noch vorbereitet. Sobald das Paket unterwegs ist, schicken wir Ihnen die Sendungsverfolgung.',
      'Danke für Ihre Geduld!',
      signOff('Viele Grüße'),
    ),
    sms: `${SMS_PREFIX}Ihre Bestellung {{order.id}} wird noch vorbereitet. Wir melden uns, sobald sie unterwegs ist. Danke für Ihre Geduld!`,
  },
  shipped: {
    subject: 'Ihre Bestellung {{order.id}} ist unterwegs',
    body: lines(
      '{{greeting}}',
      'gute Nachrichten: Ihre Bestellung {{order.id}} wurde verschickt.',
      '{{#parcels}}Die Sendung können Sie beim Versanddienstleister verfolgen:\n\n{{parcels}}\n\nEs kann bis zu einem Tag dauern, bis dort die ersten Informationen erscheinen.{{/parcels}}',
      '{{#delivery.expected}}Pakete wie dieses kommen bei uns meist {{delivery.expected}} an.{{/delivery.expected}}',
      '{{#tracking.page}}Alles zu Ihrer Bestellung auf einen Blick: {{tracking.page}}{{/tracking.page}}',
      '{{#confirm.link}}Wenn Ihr Paket angekommen ist, geben Sie uns bitte hier kurz Bescheid: {{confirm.link}}{{/confirm.link}}',
      signOff('Viele Grüße'),
    ),
    sms: `${SMS_PREFIX}Ihre Bestellung {{order.id}} ist unterwegs.\n{{parcels}}`,
  },
  delivered: {
    subject: 'Ihre Bestellung {{order.id}} wurde zugestellt',
    body: lines(
      '{{greeting}}',
      'laut Versanddienstleister wurde Ihre Bestellung {{order.id}} zugestellt. Wir wünschen Ihnen viel Freude damit!',
      'Ist das Paket nicht bei Ihnen angekommen oder stimmt etwas nicht? Antworten Sie einfach auf diese E-Mail, wir kümmern uns darum.',
      signOff('Viele Grüße'),
    ),
    sms: `${SMS_PREFIX}Ihre Bestellung {{order.id}} wurde zugestellt. Stimmt etwas nicht? Melden Sie sich einfach bei uns!`,
  },
  review_reminder: {
    subject: 'Sind Sie mit Ihrer Bestellung {{order.id}} zufrieden?',
    body: lines(
      '{{greeting}}',
      'wir hoffen, Ihre Bestellung {{order.id}} ist gut angekommen und gefällt Ihnen.',
      '{{#review.link}}Wenn Sie eine Minute Zeit haben, freuen wir uns sehr über eine Bewertung: {{review.link}}{{/review.link}}{{^review.link}}Wenn Sie eine Minute Zeit haben, freuen wir uns sehr über eine Bewertung dort, wo Sie bestellt haben.{{/review.link}} Für einen kleinen Shop wie unseren ist das eine große Hilfe.',
      'Falls etwas nicht in Ordnung ist, antworten Sie bitte zuerst auf diese E-Mail. Wir helfen gern.',
      signOff('Viele Grüße'),
    ),
    sms: `${SMS_PREFIX}Wir hoffen, Ihre Bestellung {{order.id}} gefällt Ihnen! Über eine Bewertung freuen wir uns sehr{{#review.link}}: {{review.link}}{{/review.link}}{{^review.link}}.{{/review.link}}`,
  },
};

const sv: Record<NotificationKind, NotificationTemplate> = {
  preparing: {
    subject: 'Vi förbereder din beställning {{order.id}}',
    body: lines(
      '{{greeting}}',
      'Tack för din beställning {{order.id}}{{#order.date}} från den {{order.date}}{{/order.date}}. Vi packar den just nu och hör av oss så snart den är på väg.',
      'Har du frågor kan du bara svara på det här mejlet{{#shop.replyTo}} eller skriva till {{shop.replyTo}}{{/shop.replyTo}}.',
      signOff('Vänliga hälsningar'),
    ),
    sms: `${SMS_PREFIX}Vi packar din beställning {{order.id}} just nu. Du får spårningsnumret när den skickas.`,
  },
  reminder: {
    subject: 'En kort uppdatering om din beställning {{order.id}}',
    body: lines(
      '{{greeting}}',
      'Vi har inte glömt din beställning {{order.id}}, vi håller fortfarande på att förbereda den. Så snart paketet är på väg skickar vi spårningsinformationen.',
      'Tack för ditt tålamod!',
      signOff('Vänliga hälsningar'),
    ),
    sms: `${SMS_PREFIX}Din beställning {{order.id}} förbereds fortfarande. Vi hör av oss när den skickas. Tack för ditt tålamod!`,
  },
  shipped: {
    subject: 'Din beställning {{order.id}} är på väg',
    body: lines(
      '{{greeting}}',
      'Goda nyheter: din beställning {{order.id}} har skickats.',
      '{{#parcels}}Du kan följa leveransen hos transportören:\n\n{{parcels}}\n\nDet kan ta upp till ett dygn innan den första uppdateringen syns där.{{/parcels}}',
      '{{#delivery.expected}}Paket som det här brukar komma fram {{delivery.expected}}.{{/delivery.expected}}',
      '{{#tracking.page}}Allt om din beställning på ett ställe: {{tracking.page}}{{/tracking.page}}',
      '{{#confirm.link}}När paketet har kommit fram får du gärna meddela oss här: {{confirm.link}}{{/confirm.link}}',
      signOff('Vänliga hälsningar'),
    ),
    sms: `${SMS_PREFIX}Din beställning {{order.id}} är på väg.\n{{parcels}}`,
  },
  delivered: {
    subject: 'Din beställning {{order.id}} har levererats',
    body: lines(
      '{{greeting}}',
      'Enligt transportören har din beställning {{order.id}} levererats. Vi hoppas att du blir nöjd!',
      'Har paketet inte kommit fram, eller är något fel? Svara bara på det här mejlet så löser vi det.',
      signOff('Vänliga hälsningar'),
    ),
    sms: `${SMS_PREFIX}Din beställning {{order.id}} har levererats. Hör av dig om något inte stämmer!`,
  },
  review_reminder: {
    subject: 'Är du nöjd med din beställning {{order.id}}?',
    body: lines(
      '{{greeting}}',
      'Vi hoppas att din beställning {{order.id}} kom fram som den skulle och att du är nöjd.',
      '{{#review.link}}Om du har en minut över blir vi väldigt glada för ett omdöme: {{review.link}}{{/review.link}}{{^review.link}}Om du har en minut över blir vi väldigt glada för ett omdöme där du handlade.{{/review.link}} Det hjälper en liten butik som vår mycket.',
      'Om något inte stämmer, svara gärna på det här mejlet först. Vi hjälper dig gärna.',
      signOff('Vänliga hälsningar'),
    ),
    sms: `${SMS_PREFIX}Hoppas att du är nöjd med din beställning {{order.id}}! Ett omdöme hjälper oss mycket{{#review.link}}: {{review.link}}{{/review.link}}{{^review.link}}.{{/review.link}}`,
  },
};

const ru: Record<NotificationKind, NotificationTemplate> = {
  preparing: {
    subject: 'Мы собираем ваш заказ {{order.id}}',
    body: lines(
      '{{greeting}}',
      'Спасибо за ваш заказ {{order.id}}{{#order.date}} от {{order.date}}{{/order.date}}. Мы уже собираем его и сообщим, как только он будет отправлен.',
      'Если у вас есть вопросы, просто ответьте на это письмо{{#shop.replyTo}} или напишите на {{shop.replyTo}}{{/shop.replyTo}}.',
      signOff('С уважением,'),
    ),
    sms: `${SMS_PREFIX}собираем ваш заказ {{order.id}}. Трек-номер пришлём, как только отправим.`,
  },
  reminder: {
    subject: 'Новости о вашем заказе {{order.id}}',
    body: lines(
      '{{greeting}}',
      'Мы не забыли о вашем заказе {{order.id}}: он ещё готовится к отправке. Как только посылка будет в пути, мы пришлём данные для отслеживания.',
      'Спасибо за терпение!',
      signOff('С уважением,'),
    ),
    sms: `${SMS_PREFIX}ваш заказ {{order.id}} ещё готовится к отправке. Сообщим, как только отправим. Спасибо за терпение!`,
  },
  shipped: {
    subject: 'Ваш заказ {{order.id}} отправлен',
    body: lines(
      '{{greeting}}',
      'Хорошие новости: ваш заказ {{order.id}} отправлен.',
      '{{#parcels}}Отследить посылку можно на сайте службы доставки:\n\n{{parcels}}\n\nПервые данные о посылке могут появиться там в течение суток.{{/parcels}}',
      '{{#delivery.expected}}Такие посылки обычно приходят {{delivery.expected}}.{{/delivery.expected}}',
      '{{#tracking.page}}Вся информация о заказе на одной странице: {{tracking.page}}{{/tracking.page}}',
      '{{#confirm.link}}Когда посылка придёт, пожалуйста, сообщите нам об этом здесь: {{confirm.link}}{{/confirm.link}}',
      signOff('С уважением,'),
    ),
    sms: `${SMS_PREFIX}ваш заказ {{order.id}} отправлен.\n{{parcels}}`,
  },
  delivered: {
    subject: 'Ваш заказ {{order.id}} доставлен',
    body: lines(
      '{{greeting}}',
      'По данным службы доставки, ваш заказ {{order.id}} доставлен. Надеемся, покупка вам понравится!',
      'Если посылка до вас не дошла или что-то не так, просто ответьте на это письмо, и мы во всём разберёмся.',
      signOff('С уважением,'),
    ),
    sms: `${SMS_PREFIX}ваш заказ {{order.id}} доставлен. Если что-то не так, напишите нам!`,
  },
  review_reminder: {
    subject: 'Как вам заказ {{order.id}}?',
    body: lines(
      '{{greeting}}',
      'Надеемся, ваш заказ {{order.id}} дошёл в целости и вам всё понравилось.',
      '{{#review.link}}Если у вас есть минутка, мы будем очень благодарны за отзыв: {{review.link}}{{/review.link}}{{^review.link}}Если у вас есть минутка, мы будем очень благодарны за отзыв на сайте, где вы сделали заказ.{{/review.link}} Для небольшого магазина, как наш, это очень важно.',
      'Если что-то не так, пожалуйста, сначала ответьте на это письмо. Мы с радостью поможем.',
      signOff('С уважением,'),
    ),
    sms: `${SMS_PREFIX}надеемся, заказ {{order.id}} вам понравился! Будем рады вашему отзыву{{#review.link}}: {{review.link}}{{/review.link}}{{^review.link}}.{{/review.link}}`,
  },
};

export const DEFAULT_TEMPLATES: Readonly<
  Record<Locale, Readonly<Record<NotificationKind, NotificationTemplate>>>
> = { en, de, sv, ru };

export function defaultTemplate(kind: NotificationKind, locale: Locale): NotificationTemplate {
  return DEFAULT_TEMPLATES[locale][kind];
}
