/**
 * Order workflow: status names, refusals of a status change, bulk results, "needs attention"
 * reasons and address problems. Keys match the codes in `src/core/workflow/`,
 * `src/core/address/` (a status `x` is `status.order.x`, a refusal code `c` is
 * `workflow.refused.c`), so the UI can build a key from a code without a lookup table.
 */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'status.order.new': 'New',
  'status.order.preparing': 'Preparing',
  'status.order.ready': 'Ready to ship',
  'status.order.partially_shipped': 'Partially shipped',
  'status.order.shipped': 'Shipped',
  'status.order.delivered': 'Delivered',
  'status.order.on_hold': 'On hold',
  'status.order.wont_ship': 'Won’t ship',
  'status.order.returned': 'Returned',
  'status.delivery.pending': 'Waiting for tracking',
  'status.delivery.info_received': 'Label created',
  'status.delivery.in_transit': 'In transit',
  'status.delivery.out_for_delivery': 'Out for delivery',
  'status.delivery.available_for_pickup': 'Ready for pickup',
  'status.delivery.failed_attempt': 'Delivery attempt failed',
  'status.delivery.exception': 'Delivery problem',
  'status.delivery.expired': 'No tracking updates',
  'status.delivery.returned': 'Returned to sender',
  'status.delivery.delivered': 'Delivered',
  'status.delivery.unknown': 'Unknown',
  'workflow.holdReason.address_problem': 'Address problem',
  'workflow.holdReason.out_of_stock': 'Out of stock',
  'workflow.holdReason.waiting_for_payment': 'Waiting for payment',
  'workflow.holdReason.other': 'Other',
  'workflow.refused.not_allowed': 'An order with status “{from}” cannot be set to “{to}”.',
  'workflow.refused.unchanged': 'The order is already “{to}”.',
  'workflow.refused.not_shipped_yet':
    'The order has not been shipped yet, so it cannot be “{to}”. Mark it shipped first.',
  'workflow.refused.already_shipped':
    'The order has already been shipped (“{from}”), so it cannot be set to “{to}”.',
  'workflow.refused.release_to_held_from':
    'This order was put on hold while “{heldFrom}”. Release it back to “{heldFrom}”, or set it to “Won’t ship”.',
  'workflow.refused.hold_reason_required': 'Choose why the order is on hold.',
  'workflow.refused.hold_reason_unknown': '“{reason}” is not a reason for putting an order on hold.',
  'workflow.refused.wont_ship_reason_required': 'Say why the order will not ship.',
  'workflow.refused.undo_stale':
    'The order has been changed again since then (now “{from}”), so this cannot be undone.',
  'workflow.bulk.done': {
    one: '{done} of {count} order set to “{to}”.',
    other: '{done} of {count} orders set to “{to}”.',
  },
  'workflow.bulk.refused': {
    one: '{count} order was not changed:',
    other: '{count} orders were not changed:',
  },
  'workflow.undo': 'Undo',
  'workflow.undone': { one: 'Undone for {count} order.', other: 'Undone for {count} orders.' },
  'attention.notShipped': {
    one: 'Not shipped {count} day after the order',
    other: 'Not shipped {count} days after the order',
  },
  'attention.notDelivered': {
    one: 'Parcel {trackingNumber}: shipped {count} day ago, not delivered yet',
    other: 'Parcel {trackingNumber}: shipped {count} days ago, not delivered yet',
  },
  'attention.late': {
    one: 'Parcel {trackingNumber} is late: shipped {count} day ago, longer than 95 in 100 of your parcels like it took',
    other:
      'Parcel {trackingNumber} is late: shipped {count} days ago, longer than 95 in 100 of your parcels like it took',
  },
  'attention.parcel.failed_attempt': 'Parcel {trackingNumber}: delivery attempt failed',
  'attention.parcel.exception': 'Parcel {trackingNumber}: the carrier reports a problem',
  'attention.parcel.expired': 'Parcel {trackingNumber}: no tracking updates for a long time',
  'attention.parcel.returned': 'Parcel {trackingNumber}: returned to sender',
  'attention.onHold.address_problem': 'On hold: address problem',
  'attention.onHold.out_of_stock': 'On hold: out of stock',
  'attention.onHold.waiting_for_payment': 'On hold: waiting for payment',
  'attention.onHold.other': 'On hold',
  'attention.trackingInvalid':
    'Tracking number {trackingNumber} looks mistyped: its check digit does not match',
  'attention.rule.not_shipped': 'Not shipped this many days after the order',
  'attention.rule.not_delivered_domestic': 'Domestic parcel not delivered this many days after shipping',
  'attention.rule.not_delivered_international':
    'International parcel not delivered this many days after shipping',
  'attention.rule.parcel_problem': 'A parcel has a delivery problem',
  'attention.rule.on_hold': 'The order is on hold',
  'attention.rule.tracking_invalid': 'A tracking number looks mistyped',
  'address.missing.line1': 'Street and house number are missing',
  'address.missing.zip': 'Postcode is missing',
  'address.missing.city': 'City is missing',
  'address.missing.country': 'Country is missing',
  'address.zip.format': 'Postcode “{zip}” does not fit the format for {country} (for example {example})',
  'address.zip.leadingZero':
    'Postcode “{zip}” has probably lost its leading zero (spreadsheets drop it): did you mean {suggestion}?',
} as const;

export const workflowMessages = {
  en,
  de: {
    'status.order.new': 'Neu',
    'status.order.preparing': 'In Vorbereitung',
    'status.order.ready': 'Versandbereit',
    'status.order.partially_shipped': 'Teilweise versendet',
    'status.order.shipped': 'Versendet',
    'status.order.delivered': 'Zugestellt',
    'status.order.on_hold': 'Zurückgestellt',
    'status.order.wont_ship': 'Wird nicht versendet',
    'status.order.returned': 'Retourniert',
    'status.delivery.pending': 'Wartet auf Sendungsdaten',
    'status.delivery.info_received': 'Versandetikett erstellt',
    'status.delivery.in_transit': 'Unterwegs',
    'status.delivery.out_for_delivery': 'In Zustellung',
    'status.delivery.available_for_pickup': 'Abholbereit',
    'status.delivery.failed_attempt': 'Zustellversuch fehlgeschlagen',
    'status.delivery.exception': 'Problem bei der Zustellung',
    'status.delivery.expired': 'Keine neuen Sendungsdaten',
    'status.delivery.returned': 'An den Absender zurück',
    'status.delivery.delivered': 'Zugestellt',
    'status.delivery.unknown': 'Unbekannt',
    'workflow.holdReason.address_problem': 'Problem mit der Adresse',
    'workflow.holdReason.out_of_stock': 'Nicht auf Lager',
    'workflow.holdReason.waiting_for_payment': 'Warten auf Zahlung',
    'workflow.holdReason.other': 'Sonstiges',
    'workflow.refused.not_allowed':
      'Eine Bestellung mit dem Status „{from}“ kann nicht auf „{to}“ gesetzt werden.',
    'workflow.refused.unchanged': 'Die Bestellung hat bereits den Status „{to}“.',
    'workflow.refused.not_shipped_yet':
      'Die Bestellung ist noch nicht versendet und kann daher nicht „{to}“ sein. Markieren Sie sie zuerst als versendet.',
    'workflow.refused.already_shipped':
      'Die Bestellung ist bereits versendet („{from}“) und kann nicht mehr auf „{to}“ gesetzt werden.',
    'workflow.refused.release_to_held_from':
      'Die Bestellung wurde im Status „{heldFrom}“ zurückgestellt. Setzen Sie sie wieder auf „{heldFrom}“ oder auf „Wird nicht versendet“.',
    'workflow.refused.hold_reason_required': 'Wählen Sie aus, warum die Bestellung zurückgestellt wird.',
    'workflow.refused.hold_reason_unknown': '„{reason}“ ist kein Grund, eine Bestellung zurückzustellen.',
    'workflow.refused.wont_ship_reason_required': 'Geben Sie an, warum die Bestellung nicht versendet wird.',
    'workflow.refused.undo_stale':
      'Die Bestellung wurde seitdem erneut geändert (jetzt „{from}“) und kann daher nicht rückgängig gemacht werden.',
    'workflow.bulk.done': {
      one: '{done} von {count} Bestellung auf „{to}“ gesetzt.',
      other: '{done} von {count} Bestellungen auf „{to}“ gesetzt.',
    },
    'workflow.bulk.refused': {
      one: '{count} Bestellung wurde nicht geändert:',
      other: '{count} Bestellungen wurden nicht geändert:',
    },
    'workflow.undo': 'Rückgängig',
    'workflow.undone': {
      one: 'Für {count} Bestellung rückgängig gemacht.',
      other: 'Für {count} Bestellungen rückgängig gemacht.',
    },
    'attention.notShipped': {
      one: 'Seit {count} Tag bestellt und noch nicht versendet',
      other: 'Seit {count} Tagen bestellt und noch nicht versendet',
    },
    'attention.notDelivered': {
      one: 'Paket {trackingNumber}: vor {count} Tag versendet, noch nicht zugestellt',
      other: 'Paket {trackingNumber}: vor {count} Tagen versendet, noch nicht zugestellt',
    },
    'attention.late': {
      one: 'Paket {trackingNumber} ist verspätet: vor {count} Tag versendet, länger unterwegs als 95 von 100 Ihrer Pakete dieser Art',
      other:
        'Paket {trackingNumber} ist verspätet: vor {count} Tagen versendet, länger unterwegs als 95 von 100 Ihrer Pakete dieser Art',
    },
    'attention.parcel.failed_attempt': 'Paket {trackingNumber}: Zustellversuch fehlgeschlagen',
    'attention.parcel.exception': 'Paket {trackingNumber}: Der Versanddienstleister meldet ein Problem',
    'attention.parcel.expired': 'Paket {trackingNumber}: seit Langem keine neuen Sendungsdaten',
    'attention.parcel.returned': 'Paket {trackingNumber}: an den Absender zurückgesendet',
    'attention.onHold.address_problem': 'Zurückgestellt: Problem mit der Adresse',
    'attention.onHold.out_of_stock': 'Zurückgestellt: nicht auf Lager',
    'attention.onHold.waiting_for_payment': 'Zurückgestellt: Warten auf Zahlung',
    'attention.onHold.other': 'Zurückgestellt',
    'attention.trackingInvalid':
      'Sendungsnummer {trackingNumber} ist wohl falsch eingegeben: Die Prüfziffer stimmt nicht',
    'attention.rule.not_shipped': 'Nicht versendet so viele Tage nach der Bestellung',
    'attention.rule.not_delivered_domestic': 'Inlandspaket so viele Tage nach dem Versand nicht zugestellt',
    'attention.rule.not_delivered_international':
      'Auslandspaket so viele Tage nach dem Versand nicht zugestellt',
    'attention.rule.parcel_problem': 'Ein Paket hat ein Zustellproblem',
    'attention.rule.on_hold': 'Die Bestellung ist zurückgestellt',
    'attention.rule.tracking_invalid': 'Eine Sendungsnummer ist wohl falsch eingegeben',
    'address.missing.line1': 'Straße und Hausnummer fehlen',
    'address.missing.zip': 'Postleitzahl fehlt',
    'address.missing.city': 'Ort fehlt',
    'address.missing.country': 'Land fehlt',
    'address.zip.format':
      'Postleitzahl „{zip}“ passt nicht zum Format für {country} (zum Beispiel {example})',
    'address.zip.leadingZero':
      'Bei der Postleitzahl „{zip}“ fehlt wohl die führende Null (Tabellenprogramme entfernen sie): Ist {suggestion} gemeint?',
  },
  sv: {
    'status.order.new': 'Ny',
    'status.order.preparing': 'Förbereds',
    'status.order.ready': 'Klar att skicka',
    'status.order.partially_shipped': 'Delvis skickad',
    'status.order.shipped': 'Skickad',
    'status.order.delivered': 'Levererad',
    'status.order.on_hold': 'Pausad',
    'status.order.wont_ship': 'Skickas inte',
    'status.order.returned': 'Returnerad',
    'status.delivery.pending': 'Väntar på spårning',
    'status.delivery.info_received': 'Fraktsedel skapad',
    'status.delivery.in_transit': 'På väg',
    'status.delivery.out_for_delivery': 'Ute för leverans',
    'status.delivery.available_for_pickup': 'Kan hämtas',
    'status.delivery.failed_attempt': 'Leveransförsöket misslyckades',
    'status.delivery.exception': 'Problem med leveransen',
    'status.delivery.expired': 'Inga nya spårningshändelser',
    'status.delivery.returned': 'Returnerad till avsändaren',
    'status.delivery.delivered': 'Levererad',
    'status.delivery.unknown': 'Okänd',
    'workflow.holdReason.address_problem': 'Adressproblem',
    'workflow.holdReason.out_of_stock': 'Slut i lager',
    'workflow.holdReason.waiting_for_payment': 'Väntar på betalning',
    'workflow.holdReason.other': 'Annat',
    'workflow.refused.not_allowed': 'En order med status ”{from}” kan inte ändras till ”{to}”.',
    'workflow.refused.unchanged': 'Ordern har redan status ”{to}”.',
    'workflow.refused.not_shipped_yet':
      'Ordern har inte skickats än och kan därför inte vara ”{to}”. Markera den som skickad först.',
    'workflow.refused.already_shipped':
      'Ordern är redan skickad (”{from}”) och kan inte längre ändras till ”{to}”.',
    'workflow.refused.release_to_held_from':
      'Ordern pausades med status ”{heldFrom}”. Återuppta den till ”{heldFrom}” eller ändra den till ”Skickas inte”.',
    'workflow.refused.hold_reason_required': 'Välj varför ordern pausas.',
    'workflow.refused.hold_reason_unknown': '”{reason}” är inte ett skäl att pausa en order.',
    'workflow.refused.wont_ship_reason_required': 'Ange varför ordern inte skickas.',
    'workflow.refused.undo_stale':
      'Ordern har ändrats igen sedan dess (nu ”{from}”), så det går inte att ångra.',
    'workflow.bulk.done': {
      one: '{done} av {count} order ändrad till ”{to}”.',
      other: '{done} av {count} ordrar ändrade till ”{to}”.',
    },
    'workflow.bulk.refused': {
      one: '{count} order ändrades inte:',
      other: '{count} ordrar ändrades inte:',
    },
    'workflow.undo': 'Ångra',
    'workflow.undone': { one: 'Ångrat för {count} order.', other: 'Ångrat för {count} ordrar.' },
    'attention.notShipped': {
      one: 'Inte skickad {count} dag efter beställningen',
      other: 'Inte skickad {count} dagar efter beställningen',
    },
    'attention.notDelivered': {
      one: 'Paket {trackingNumber}: skickat för {count} dag sedan, ännu inte levererat',
      other: 'Paket {trackingNumber}: skickat för {count} dagar sedan, ännu inte levererat',
    },
    'attention.late': {
      one: 'Paket {trackingNumber} är försenat: skickat för {count} dag sedan, längre än 95 av 100 av dina liknande paket',
      other:
        'Paket {trackingNumber} är försenat: skickat för {count} dagar sedan, längre än 95 av 100 av dina liknande paket',
    },
    'attention.parcel.failed_attempt': 'Paket {trackingNumber}: leveransförsöket misslyckades',
    'attention.parcel.exception': 'Paket {trackingNumber}: transportören rapporterar ett problem',
    'attention.parcel.expired': 'Paket {trackingNumber}: inga spårningshändelser på länge',
    'attention.parcel.returned': 'Paket {trackingNumber}: returnerat till avsändaren',
    'attention.onHold.address_problem': 'Pausad: adressproblem',
    'attention.onHold.out_of_stock': 'Pausad: slut i lager',
    'attention.onHold.waiting_for_payment': 'Pausad: väntar på betalning',
    'attention.onHold.other': 'Pausad',
    'attention.trackingInvalid':
      'Spårningsnumret {trackingNumber} verkar felskrivet: kontrollsiffran stämmer inte',
    'attention.rule.not_shipped': 'Inte skickad så här många dagar efter beställningen',
    'attention.rule.not_delivered_domestic':
      'Inrikes paket inte levererat så här många dagar efter avsändning',
    'attention.rule.not_delivered_international':
      'Utrikes paket inte levererat så här många dagar efter avsändning',
    'attention.rule.parcel_problem': 'Ett paket har problem med leveransen',
    'attention.rule.on_hold': 'Ordern är pausad',
    'attention.rule.tracking_invalid': 'Ett spårningsnummer verkar felskrivet',
    'address.missing.line1': 'Gatuadress saknas',
    'address.missing.zip': 'Postnummer saknas',
    'address.missing.city': 'Ort saknas',
    'address.missing.country': 'Land saknas',
    'address.zip.format': 'Postnumret ”{zip}” följer inte formatet för {country} (till exempel {example})',
    'address.zip.leadingZero':
      'Postnumret ”{zip}” har troligen tappat sin inledande nolla (kalkylprogram tar bort den): menar du {suggestion}?',
  },
  ru: {
    'status.order.new': 'Новый',
    'status.order.preparing': 'Собирается',
    'status.order.ready': 'Готов к отправке',
    'status.order.partially_shipped': 'Отправлен частично',
    'status.order.shipped': 'Отправлен',
    'status.order.delivered': 'Доставлен',
    'status.order.on_hold': 'Приостановлен',
    'status.order.wont_ship': 'Не будет отправлен',
    'status.order.returned': 'Возвращён',
    'status.delivery.pending': 'Ожидает данных отслеживания',
    'status.delivery.info_received': 'Накладная создана',
    'status.delivery.in_transit': 'В пути',
    'status.delivery.out_for_delivery': 'Передан курьеру',
    'status.delivery.available_for_pickup': 'Ждёт в пункте выдачи',
    'status.delivery.failed_attempt': 'Неудачная попытка доставки',
    'status.delivery.exception': 'Проблема с доставкой',
    'status.delivery.expired': 'Нет новых данных отслеживания',
    'status.delivery.returned': 'Возвращён отправителю',
    'status.delivery.delivered': 'Доставлен',
    'status.delivery.unknown': 'Неизвестно',
    'workflow.holdReason.address_problem': 'Проблема с адресом',
    'workflow.holdReason.out_of_stock': 'Нет в наличии',
    'workflow.holdReason.waiting_for_payment': 'Ожидание оплаты',
    'workflow.holdReason.other': 'Другое',
    'workflow.refused.not_allowed': 'Заказ со статусом «{from}» нельзя перевести в статус «{to}».',
    'workflow.refused.unchanged': 'У заказа уже статус «{to}».',
    'workflow.refused.not_shipped_yet':
      'Заказ ещё не отправлен, поэтому не может получить статус «{to}». Сначала отметьте его как отправленный.',
    'workflow.refused.already_shipped':
      'Заказ уже отправлен («{from}»), его нельзя перевести в статус «{to}».',
    'workflow.refused.release_to_held_from':
      'Заказ был приостановлен в статусе «{heldFrom}». Верните его в статус «{heldFrom}» или отметьте как «Не будет отправлен».',
    'workflow.refused.hold_reason_required': 'Укажите, почему заказ приостановлен.',
    'workflow.refused.hold_reason_unknown': '«{reason}» — недопустимая причина приостановки заказа.',
    'workflow.refused.wont_ship_reason_required': 'Укажите, почему заказ не будет отправлен.',
    'workflow.refused.undo_stale':
      'С тех пор заказ снова изменился (сейчас «{from}»), поэтому отменить действие нельзя.',
    'workflow.bulk.done': {
      one: 'Статус «{to}» установлен для {done} из {count} заказа.',
      few: 'Статус «{to}» установлен для {done} из {count} заказов.',
      many: 'Статус «{to}» установлен для {done} из {count} заказов.',
      other: 'Статус «{to}» установлен для {done} из {count} заказа.',
    },
    'workflow.bulk.refused': {
      one: '{count} заказ не изменён:',
      few: '{count} заказа не изменены:',
      many: '{count} заказов не изменены:',
      other: '{count} заказа не изменены:',
    },
    'workflow.undo': 'Отменить',
    'workflow.undone': {
      one: 'Отменено для {count} заказа.',
      few: 'Отменено для {count} заказов.',
      many: 'Отменено для {count} заказов.',
      other: 'Отменено для {count} заказа.',
    },
    'attention.notShipped': {
      one: 'С момента заказа прошёл {count} день, а он не отправлен',
      few: 'С момента заказа прошло {count} дня, а он не отправлен',
      many: 'С момента заказа прошло {count} дней, а он не отправлен',
      other: 'С момента заказа прошло {count} дня, а он не отправлен',
    },
    'attention.notDelivered': {
      one: 'Посылка {trackingNumber}: отправлена {count} день назад и ещё не доставлена',
      few: 'Посылка {trackingNumber}: отправлена {count} дня назад и ещё не доставлена',
      many: 'Посылка {trackingNumber}: отправлена {count} дней назад и ещё не доставлена',
      other: 'Посылка {trackingNumber}: отправлена {count} дня назад и ещё не доставлена',
    },
    'attention.late': {
      one: 'Посылка {trackingNumber} опаздывает: отправлена {count} день назад, дольше, чем 95 из 100 ваших похожих посылок',
      few: 'Посылка {trackingNumber} опаздывает: отправлена {count} дня назад, дольше, чем 95 из 100 ваших похожих посылок',
      many: 'Посылка {trackingNumber} опаздывает: отправлена {count} дней назад, дольше, чем 95 из 100 ваших похожих посылок',
      other:
        'Посылка {trackingNumber} опаздывает: отправлена {count} дня назад, дольше, чем 95 из 100 ваших похожих посылок',
    },
    'attention.parcel.failed_attempt': 'Посылка {trackingNumber}: не удалось доставить',
    'attention.parcel.exception': 'Посылка {trackingNumber}: перевозчик сообщает о проблеме',
    'attention.parcel.expired': 'Посылка {trackingNumber}: давно нет новых данных отслеживания',
    'attention.parcel.returned': 'Посылка {trackingNumber}: возвращена отправителю',
    'attention.onHold.address_problem': 'Приостановлен: проблема с адресом',
    'attention.onHold.out_of_stock': 'Приостановлен: нет в наличии',
    'attention.onHold.waiting_for_payment': 'Приостановлен: ожидание оплаты',
    'attention.onHold.other': 'Приостановлен',
    'attention.trackingInvalid':
      'Трек-номер {trackingNumber}, похоже, введён с ошибкой: не сходится контрольная цифра',
    'attention.rule.not_shipped': 'Не отправлен через столько дней после заказа',
    'attention.rule.not_delivered_domestic':
      'Посылка по стране не доставлена через столько дней после отправки',
    'attention.rule.not_delivered_international':
      'Международная посылка не доставлена через столько дней после отправки',
    'attention.rule.parcel_problem': 'Проблема с доставкой посылки',
    'attention.rule.on_hold': 'Заказ приостановлен',
    'attention.rule.tracking_invalid': 'Трек-номер, похоже, введён с ошибкой',
    'address.missing.line1': 'Не указаны улица и дом',
    'address.missing.zip': 'Не указан почтовый индекс',
    'address.missing.city': 'Не указан город',
    'address.missing.country': 'Не указана страна',
    'address.zip.format':
      'Индекс «{zip}» не соответствует формату для страны {country} (например, {example})',
    'address.zip.leadingZero':
      'В индексе «{zip}», вероятно, потерян ведущий ноль (его удаляют табличные программы): может быть, {suggestion}?',
  },
} satisfies Catalogs<typeof en>;

/** A key of this catalog; the core's codes point at these. */
export type WorkflowMessageKey = keyof typeof en;
