/** Expected delivery windows, late parcels, and where a parcel's status comes from. */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'delivery.expected': {
    one: 'Usually arrives {from} – {to} (from {count} of your parcels)',
    other: 'Usually arrives {from} – {to} (from {count} of your parcels)',
  },
  'delivery.expectedDefault': 'Usually arrives {from} – {to} (typical for this kind of carrier)',
  'delivery.lateBadge': 'Late',
  'delivery.noProvider': 'No tracking service has reported on this parcel: check on the carrier’s page.',
  'delivery.noProviderLink': 'Open the carrier’s page',
  'delivery.trackAgain': 'Track again',
  'delivery.trackAgainOf': 'Ask the tracking service again about parcel {trackingNumber}',
  'delivery.trackAgain.sent': {
    one: 'The tracking service will be asked again about {count} parcel.',
    other: 'The tracking service will be asked again about {count} parcels.',
  },
  'orders.sort.late': 'Late parcels first',
  'orders.filter.late': 'Only orders with a late parcel',
  'orders.chart.late': 'Late parcels',
};

export const deliveryMessages = {
  en,
  de: {
    'delivery.expected': {
      one: 'Kommt meist {from} – {to} an (aus {count} Ihrer Pakete)',
      other: 'Kommt meist {from} – {to} an (aus {count} Ihrer Pakete)',
    },
    'delivery.expectedDefault': 'Kommt meist {from} – {to} an (üblich für diese Art Versanddienst)',
    'delivery.lateBadge': 'Verspätet',
    'delivery.noProvider':
      'Kein Tracking-Dienst hat zu diesem Paket gemeldet: Sehen Sie auf der Seite des Versanddienstes nach.',
    'delivery.noProviderLink': 'Seite des Versanddienstes öffnen',
    'delivery.trackAgain': 'Erneut verfolgen',
    'delivery.trackAgainOf': 'Den Tracking-Dienst erneut nach Paket {trackingNumber} fragen',
    'delivery.trackAgain.sent': {
      one: 'Der Tracking-Dienst wird erneut nach {count} Paket gefragt.',
      other: 'Der Tracking-Dienst wird erneut nach {count} Paketen gefragt.',
    },
    'orders.sort.late': 'Verspätete Pakete zuerst',
    'orders.filter.late': 'Nur Bestellungen mit verspätetem Paket',
    'orders.chart.late': 'Verspätete Pakete',
  },
  sv: {
    'delivery.expected': {
      one: 'Kommer oftast fram {from} – {to} (utifrån {count} av dina paket)',
      other: 'Kommer oftast fram {from} – {to} (utifrån {count} av dina paket)',
    },
    'delivery.expectedDefault': 'Kommer oftast fram {from} – {to} (vanligt för den här sortens transportör)',
    'delivery.lateBadge': 'Försenat',
    'delivery.noProvider':
      'Ingen spårningstjänst har rapporterat om det här paketet: titta på transportörens sida.',
    'delivery.noProviderLink': 'Öppna transportörens sida',
    'delivery.trackAgain': 'Spåra igen',
    'delivery.trackAgainOf': 'Fråga spårningstjänsten igen om paket {trackingNumber}',
    'delivery.trackAgain.sent': {
      one: 'Spårningstjänsten tillfrågas igen om {count} paket.',
      other: 'Spårningstjänsten tillfrågas igen om {count} paket.',
    },
    'orders.sort.late': 'Försenade paket först',
    'orders.filter.late': 'Bara ordrar med ett försenat paket',
    'orders.chart.late': 'Försenade paket',
  },
  ru: {
    'delivery.expected': {
      one: 'Обычно приходит {from} – {to} (по {count} вашей посылке)',
      few: 'Обычно приходит {from} – {to} (по {count} вашим посылкам)',
      many: 'Обычно приходит {from} – {to} (по {count} вашим посылкам)',
      other: 'Обычно приходит {from} – {to} (по {count} вашим посылкам)',
    },
    'delivery.expectedDefault': 'Обычно приходит {from} – {to} (типично для такой службы доставки)',
    'delivery.lateBadge': 'Опаздывает',
    'delivery.noProvider':
      'Ни один сервис отслеживания не сообщал об этой посылке: проверьте на сайте службы доставки.',
    'delivery.noProviderLink': 'Открыть сайт службы доставки',
    'delivery.trackAgain': 'Отследить снова',
    'delivery.trackAgainOf': 'Снова запросить сервис отслеживания о посылке {trackingNumber}',
    'delivery.trackAgain.sent': {
      one: 'Сервис отслеживания снова запросят о {count} посылке.',
      few: 'Сервис отслеживания снова запросят о {count} посылках.',
      many: 'Сервис отслеживания снова запросят о {count} посылках.',
      other: 'Сервис отслеживания снова запросят о {count} посылки.',
    },
    'orders.sort.late': 'Сначала опаздывающие посылки',
    'orders.filter.late': 'Только заказы с опаздывающей посылкой',
    'orders.chart.late': 'Опаздывающие посылки',
  },
} satisfies Catalogs<typeof en>;
