/** Tracking sheets and export files: row errors of a tracking import, its fields, the plan summary, and the column names and titles of the files Trackpack writes. */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'tracking.error.unknown_order': 'Row {row}: there is no order "{value}" in Trackpack.',
  'tracking.error.invalid_tracking_number':
    'Row {row}, {column}: "{value}" does not look like a tracking number.',
  'tracking.error.check_digit':
    'Row {row}, {column}: the check digit of "{value}" does not match. Probably a typo: compare it with the label.',
  'tracking.error.unknown_carrier':
    'Row {row}, {column}: no carrier is known for "{value}". Fill in the carrier or a tracking link.',
  'tracking.error.ambiguous_date':
    'Row {row}, {column}: "{value}" can be read as two different dates. Choose whether the day or the month comes first.',
  'tracking.error.invalid_url': 'Row {row}, {column}: "{value}" is not a web link (http or https).',
  'tracking.field.orderId': 'Order number',
  'tracking.field.trackingNumber': 'Tracking number',
  'tracking.field.carrier': 'Carrier',
  'tracking.field.trackingUrl': 'Tracking link',
  'tracking.field.shippedAt': 'Shipping date',
  'tracking.field.expectedAt': 'Expected delivery',
  'tracking.field.remarks': 'Remarks',
  'tracking.preview.found': {
    one: '{count} tracking number found',
    other: '{count} tracking numbers found',
  },
  'tracking.plan.added': { one: '{count} new parcel', other: '{count} new parcels' },
  'tracking.plan.unchanged': {
    one: '{count} parcel was already there',
    other: '{count} parcels were already there',
  },
  'tracking.plan.shipped': {
    one: '{count} order will be marked as shipped',
    other: '{count} orders will be marked as shipped',
  },
  'tracking.plan.statusKept': {
    one: '{count} order keeps its status (on hold, won’t ship or returned)',
    other: '{count} orders keep their status (on hold, won’t ship or returned)',
  },
  'export.column.orderId': 'Order number',
  'export.column.buyer': 'Buyer',
  'export.column.city': 'City',
  'export.column.trackingNumber': 'Tracking number',
  'export.column.carrier': 'Carrier',
  'export.column.trackingUrl': 'Tracking link',
  'export.column.shippedAt': 'Shipped on',
  'export.column.expectedAt': 'Expected delivery',
  'export.column.remarks': 'Remarks',
  'export.trackingSheet.title': 'Tracking sheet for Excel',
  'export.trackingSheet.help':
    'One row per order. Fill in the tracking numbers in Excel, save, and import the file again.',
  'export.amazon.title': 'Amazon shipping confirmation',
  'export.ebay.title': 'eBay tracking upload',
  'export.generic.title': 'Shipments as CSV',
} as const;

export const trackingMessages = {
  en,
  de: {
    'tracking.error.unknown_order': 'Zeile {row}: Die Bestellung „{value}“ gibt es in Trackpack nicht.',
    'tracking.error.invalid_tracking_number':
      'Zeile {row}, {column}: „{value}“ sieht nicht wie eine Sendungsnummer aus.',
    'tracking.error.check_digit':
      'Zeile {row}, {column}: Die Prüfziffer von „{value}“ stimmt nicht. Vermutlich ein Tippfehler: Vergleichen Sie die Nummer mit dem Etikett.',
    'tracking.error.unknown_carrier':
      'Zeile {row}, {column}: Für „{value}“ ist kein Versanddienstleister bekannt. Tragen Sie den Versanddienstleister oder einen Sendungsverfolgungslink ein.',
    'tracking.error.ambiguous_date':
      'Zeile {row}, {column}: „{value}“ lässt sich als zwei verschiedene Daten lesen. Wählen Sie, ob der Tag oder der Monat zuerst steht.',
    'tracking.error.invalid_url': 'Zeile {row}, {column}: „{value}“ ist kein Weblink (http oder https).',
    'tracking.field.orderId': 'Bestellnummer',
    'tracking.field.trackingNumber': 'Sendungsnummer',
    'tracking.field.carrier': 'Versanddienstleister',
    'tracking.field.trackingUrl': 'Sendungsverfolgungslink',
    'tracking.field.shippedAt': 'Versanddatum',
    'tracking.field.expectedAt': 'Voraussichtliche Zustellung',
    'tracking.field.remarks': 'Bemerkungen',
    'tracking.preview.found': {
      one: '{count} Sendungsnummer gefunden',
      other: '{count} Sendungsnummern gefunden',
    },
    'tracking.plan.added': { one: '{count} neues Paket', other: '{count} neue Pakete' },
    'tracking.plan.unchanged': {
      one: '{count} Paket war schon vorhanden',
      other: '{count} Pakete waren schon vorhanden',
    },
    'tracking.plan.shipped': {
      one: '{count} Bestellung wird als versendet markiert',
      other: '{count} Bestellungen werden als versendet markiert',
    },
    'tracking.plan.statusKept': {
      one: '{count} Bestellung behält ihren Status (zurückgestellt, wird nicht versendet oder zurückgesendet)',
      other:
        '{count} Bestellungen behalten ihren Status (zurückgestellt, wird nicht versendet oder zurückgesendet)',
    },
    'export.column.orderId': 'Bestellnummer',
    'export.column.buyer': 'Käufer',
    'export.column.city': 'Ort',
    'export.column.trackingNumber': 'Sendungsnummer',
    'export.column.carrier': 'Versanddienstleister',
    'export.column.trackingUrl': 'Sendungsverfolgung',
    'export.column.shippedAt': 'Versendet am',
    'export.column.expectedAt': 'Voraussichtliche Zustellung',
    'export.column.remarks': 'Bemerkungen',
    'export.trackingSheet.title': 'Sendungsliste für Excel',
    'export.trackingSheet.help':
      'Eine Zeile pro Bestellung. Tragen Sie die Sendungsnummern in Excel ein, speichern Sie und importieren Sie die Datei wieder.',
    'export.amazon.title': 'Amazon-Versandbestätigung',
    'export.ebay.title': 'eBay-Sendungsnummern hochladen',
    'export.generic.title': 'Sendungen als CSV',
  },
  sv: {
    'tracking.error.unknown_order': 'Rad {row}: det finns ingen beställning ”{value}” i Trackpack.',
    'tracking.error.invalid_tracking_number': 'Rad {row}, {column}: ”{value}” ser inte ut som ett kolli-id.',
    'tracking.error.check_digit':
      'Rad {row}, {column}: kontrollsiffran i ”{value}” stämmer inte. Troligen ett skrivfel: jämför med etiketten.',
    'tracking.error.unknown_carrier':
      'Rad {row}, {column}: ingen transportör är känd för ”{value}”. Fyll i transportören eller en spårningslänk.',
    'tracking.error.ambiguous_date':
      'Rad {row}, {column}: ”{value}” kan läsas som två olika datum. Välj om dagen eller månaden kommer först.',
    'tracking.error.invalid_url': 'Rad {row}, {column}: ”{value}” är ingen webblänk (http eller https).',
    'tracking.field.orderId': 'Beställningsnummer',
    'tracking.field.trackingNumber': 'Spårningsnummer',
    'tracking.field.carrier': 'Transportör',
    'tracking.field.trackingUrl': 'Spårningslänk',
    'tracking.field.shippedAt': 'Skickat datum',
    'tracking.field.expectedAt': 'Beräknad leverans',
    'tracking.field.remarks': 'Anmärkningar',
    'tracking.preview.found': {
      one: '{count} spårningsnummer hittades',
      other: '{count} spårningsnummer hittades',
    },
    'tracking.plan.added': { one: '{count} nytt paket', other: '{count} nya paket' },
    'tracking.plan.unchanged': {
      one: '{count} paket fanns redan',
      other: '{count} paket fanns redan',
    },
    'tracking.plan.shipped': {
      one: '{count} beställning markeras som skickad',
      other: '{count} beställningar markeras som skickade',
    },
    'tracking.plan.statusKept': {
      one: '{count} beställning behåller sin status (pausad, skickas inte eller returnerad)',
      other: '{count} beställningar behåller sin status (pausade, skickas inte eller returnerade)',
    },
    'export.column.orderId': 'Beställningsnummer',
    'export.column.buyer': 'Köpare',
    'export.column.city': 'Ort',
    'export.column.trackingNumber': 'Spårningsnummer',
    'export.column.carrier': 'Transportör',
    'export.column.trackingUrl': 'Spårningslänk',
    'export.column.shippedAt': 'Skickat',
    'export.column.expectedAt': 'Beräknad leverans',
    'export.column.remarks': 'Anmärkningar',
    'export.trackingSheet.title': 'Spårningslista för Excel',
    'export.trackingSheet.help':
      'En rad per beställning. Fyll i spårningsnumren i Excel, spara och importera filen igen.',
    'export.amazon.title': 'Leveransbekräftelse för Amazon',
    'export.ebay.title': 'Spårningsnummer till eBay',
    'export.generic.title': 'Försändelser som CSV',
  },
  ru: {
    'tracking.error.unknown_order': 'Строка {row}: заказа «{value}» нет в Trackpack.',
    'tracking.error.invalid_tracking_number': 'Строка {row}, {column}: «{value}» не похоже на трек-номер.',
    'tracking.error.check_digit':
      'Строка {row}, {column}: контрольная цифра в «{value}» не сходится. Вероятно, опечатка: сверьте номер с этикеткой.',
    'tracking.error.unknown_carrier':
      'Строка {row}, {column}: для «{value}» не удалось определить службу доставки. Укажите службу доставки или ссылку для отслеживания.',
    'tracking.error.ambiguous_date':
      'Строка {row}, {column}: «{value}» можно прочитать как две разные даты. Выберите, что стоит первым — день или месяц.',
    'tracking.error.invalid_url': 'Строка {row}, {column}: «{value}» — не веб-ссылка (http или https).',
    'tracking.field.orderId': 'Номер заказа',
    'tracking.field.trackingNumber': 'Трек-номер',
    'tracking.field.carrier': 'Служба доставки',
    'tracking.field.trackingUrl': 'Ссылка для отслеживания',
    'tracking.field.shippedAt': 'Дата отправки',
    'tracking.field.expectedAt': 'Ожидаемая доставка',
    'tracking.field.remarks': 'Примечания',
    'tracking.preview.found': {
      one: 'Найден {count} трек-номер',
      few: 'Найдено {count} трек-номера',
      many: 'Найдено {count} трек-номеров',
      other: 'Найдено {count} трек-номера',
    },
    'tracking.plan.added': {
      one: '{count} новая посылка',
      few: '{count} новые посылки',
      many: '{count} новых посылок',
      other: '{count} новой посылки',
    },
    'tracking.plan.unchanged': {
      one: '{count} посылка уже была',
      few: '{count} посылки уже были',
      many: '{count} посылок уже были',
      other: '{count} посылки уже были',
    },
    'tracking.plan.shipped': {
      one: '{count} заказ будет отмечен как отправленный',
      few: '{count} заказа будут отмечены как отправленные',
      many: '{count} заказов будут отмечены как отправленные',
      other: '{count} заказа будут отмечены как отправленные',
    },
    'tracking.plan.statusKept': {
      one: '{count} заказ сохранит свой статус (отложен, не будет отправлен или возвращён)',
      few: '{count} заказа сохранят свой статус (отложены, не будут отправлены или возвращены)',
      many: '{count} заказов сохранят свой статус (отложены, не будут отправлены или возвращены)',
      other: '{count} заказа сохранят свой статус (отложены, не будут отправлены или возвращены)',
    },
    'export.column.orderId': 'Номер заказа',
    'export.column.buyer': 'Покупатель',
    'export.column.city': 'Город',
    'export.column.trackingNumber': 'Трек-номер',
    'export.column.carrier': 'Служба доставки',
    'export.column.trackingUrl': 'Ссылка для отслеживания',
    'export.column.shippedAt': 'Дата отправки',
    'export.column.expectedAt': 'Ожидаемая доставка',
    'export.column.remarks': 'Примечания',
    'export.trackingSheet.title': 'Таблица трек-номеров для Excel',
    'export.trackingSheet.help':
      'Одна строка на заказ. Впишите трек-номера в Excel, сохраните файл и снова импортируйте его.',
    'export.amazon.title': 'Подтверждение отправки для Amazon',
    'export.ebay.title': 'Загрузка трек-номеров на eBay',
    'export.generic.title': 'Отправления в CSV',
  },
} satisfies Catalogs<typeof en>;

export type TrackingMessageKey = keyof typeof en;
