/**
 * Tracking-sheet layouts: one plain object per layout, each `satisfies TrackingPreset`, listed in
 * TRACKING_PRESETS with the generic preset as the explicit fallback. Like the order presets in
 * `../import/presets.ts`, a preset is data: which headers identify the sheet, which header feeds
 * each field, and how its numeric dates are written.
 *
 * Sources:
 * - Our own sheet: the columns `../export/tracking-sheet.ts` writes, in all four languages (taken
 *   from the same catalog, so the export and this preset cannot drift apart).
 * - ATLAS: the seller help page "Upload delivery information": columns
 *   "Track and Trace code", "Tracking link", "Forwarder", "Expected delivery date" and "Sent at"
 *   (both dd-mm-yyyy), "Delivery remarks (optional)". The order id header is not named there, so
 *   the generic order-id names are tried.
 * - Campaign dashboard: its help page (German edition): "Versanddatum" in
 *   MM/TT/JJJJ, "Tracking-Versandunternehmen", "Trackingnummer", "Tracking-URL"; the English
 *   names are "Ship Date", "Tracking Carrier", "Tracking Number", "Tracking URL".
 */
import type { DateOrder } from '../import/dates.ts';
import type { HeaderCandidates } from '../import/mapping.ts';
import { detectFrom, presetScore } from '../import/preset-registry.ts';
import { genericPreset as genericOrderPreset } from '../import/presets.ts';
import { LOCALES } from '../i18n/locales.ts';
import { trackingMessages } from '../i18n/messages/tracking.ts';
import { TRACKING_FIELD_KEYS, type TrackingField } from './fields.ts';

export interface TrackingPreset {
  id: string;
  /** A product name, so not translated. */
  label: string;
  /** Headers that identify the sheet; an inner list means "any one of these". Empty: never detected. */
  detect: readonly (string | readonly string[])[];
  /** Header names per field, best first; the generic names are tried after these. */
  columns: HeaderCandidates<TrackingField>;
  /** How the sheet writes numeric dates, settling a column that is ambiguous by itself. */
  dateOrder?: DateOrder;
}

/** The header our export writes for `key`, in every language. */
function exportHeaders(
  key: `export.column.${'orderId' | 'buyer' | 'city' | 'trackingNumber' | 'carrier' | 'trackingUrl' | 'shippedAt' | 'expectedAt' | 'remarks'}`,
): string[] {
  return [...new Set(LOCALES.map((locale) => trackingMessages[locale][key]))];
}

export const ownSheetPreset = {
  id: 'trackpack',
  label: 'Trackpack tracking sheet',
  detect: [
    exportHeaders('export.column.orderId'),
    exportHeaders('export.column.buyer'),
    exportHeaders('export.column.city'),
    exportHeaders('export.column.trackingNumber'),
    exportHeaders('export.column.trackingUrl'),
  ],
  columns: {
    orderId: exportHeaders('export.column.orderId'),
    trackingNumber: exportHeaders('export.column.trackingNumber'),
    carrier: exportHeaders('export.column.carrier'),
    trackingUrl: exportHeaders('export.column.trackingUrl'),
    shippedAt: exportHeaders('export.column.shippedAt'),
    expectedAt: exportHeaders('export.column.expectedAt'),
    remarks: exportHeaders('export.column.remarks'),
  },
} satisfies TrackingPreset;

export const atlasPreset = {
  id: 'atlas',
  label: 'ATLAS order list',
  detect: [
    ['Track and Trace code', 'Track & Trace code'],
    'Tracking link',
    'Forwarder',
    'Expected delivery date',
    'Sent at',
  ],
  columns: {
    orderId: ['Order ID', 'Order number', 'Order', 'Order nr', 'Lot number', 'Lot'],
    trackingNumber: ['Track and Trace code', 'Track & Trace code', 'Track and Trace'],
    trackingUrl: ['Tracking link'],
    carrier: ['Forwarder'],
    shippedAt: ['Sent at'],
    expectedAt: ['Expected delivery date'],
    remarks: ['Delivery remarks (optional)', 'Delivery remarks'],
  },
  // "Enter the expected delivery date ... in this format: dd-mm-yyyy" (its help page).
  dateOrder: 'DMY',
} satisfies TrackingPreset;

export const campaignPreset = {
  id: 'campaign',
  label: 'Campaign fulfilment list',
  detect: [
    ['Ship Date', 'Versanddatum'],
    ['Tracking Carrier', 'Tracking-Versandunternehmen'],
    ['Tracking Number', 'Trackingnummer'],
    ['Tracking URL', 'Tracking-URL'],
  ],
  columns: {
    orderId: ['Order ID', 'Order', 'Order Number', 'Produktbestellung', 'Bestellung', 'Bestellnummer'],
    trackingNumber: ['Tracking Number', 'Trackingnummer'],
    carrier: ['Tracking Carrier', 'Tracking-Versandunternehmen'],
    trackingUrl: ['Tracking URL', 'Tracking-URL'],
    shippedAt: ['Ship Date', 'Versanddatum'],
  },
  // "Versanddatum im Format MM/TT/JJJJ" even in the German edition of its help page.
  dateOrder: 'MDY',
} satisfies TrackingPreset;

/**
 * Any other sheet: header names sellers and carriers' tools use in English, German, Swedish and
 * Russian. Compared case- and punctuation-blind ("Tracking-Nr." = "Trackingnr").
 */
export const genericTrackingPreset = {
  id: 'generic',
  label: 'Other spreadsheet',
  detect: [],
  columns: {
    orderId: genericOrderPreset.columns.orderId,
    trackingNumber: [
      'Tracking Number',
      'Tracking No',
      'Tracking Nr',
      'Tracking ID',
      'Tracking Code',
      'Tracking',
      'Track and Trace',
      'Track & Trace',
      'Shipment Number',
      'Parcel Number',
      'Sendungsnummer',
      'Sendungs-Nr.',
      'Trackingnummer',
      'Tracking-Nummer',
      'Tracking-Nr.',
      'Paketnummer',
      'Paket-Nr.',
      'Sendungsverfolgungsnummer',
      'Spårningsnummer',
      'Kolli-id',
      'Kollinummer',
      'Kollinr',
      'Sändningsnummer',
      'Försändelse-id',
      'Трек-номер',
      'Трек номер',
      'Трек',
      'Номер отправления',
      'Номер отслеживания',
      'Почтовый идентификатор',
      'ШПИ',
    ],
    carrier: [
      'Carrier',
      'Shipping Carrier',
      'Courier',
      'Shipping Company',
      'Forwarder',
      'Shipping Service',
      'Versanddienstleister',
      'Versanddienst',
      'Paketdienst',
      'Versandunternehmen',
      'Spediteur',
      'Zusteller',
      'Transportör',
      'Fraktbolag',
      'Speditör',
      'Leverantör',
      'Служба доставки',
      'Перевозчик',
      'Курьерская служба',
      'Транспортная компания',
    ],
    trackingUrl: [
      'Tracking URL',
      'Tracking Link',
      'Tracking-Link',
      'Sendungsverfolgung',
      'Sendungsverfolgungslink',
      'Link',
      'Spårningslänk',
      'Länk',
      'Ссылка для отслеживания',
      'Ссылка на отслеживание',
      'Ссылка',
    ],
    shippedAt: [
      'Ship Date',
      'Shipping Date',
      'Shipped At',
      'Shipped On',
      'Shipped',
      'Dispatch Date',
      'Dispatched',
      'Sent',
      'Versanddatum',
      'Versandt am',
      'Versendet am',
      'Versand',
      'Skickat',
      'Skickad',
      'Skickat datum',
      'Avsänd',
      'Дата отправки',
      'Дата отгрузки',
      'Отправлено',
    ],
    expectedAt: [
      'Expected Delivery',
      'Expected Delivery Date',
      'Estimated Delivery',
      'Estimated Delivery Date',
      'Voraussichtliche Zustellung',
      'Voraussichtliches Zustelldatum',
      'Zustelldatum',
      'Lieferdatum',
      'Beräknad leverans',
      'Förväntad leverans',
      'Leveransdatum',
      'Ожидаемая доставка',
      'Ожидаемая дата доставки',
      'Дата доставки',
    ],
    remarks: [
      'Remarks',
      'Notes',
      'Note',
      'Comment',
      'Comments',
      'Bemerkung',
      'Bemerkungen',
      'Hinweis',
      'Kommentar',
      'Anmärkning',
      'Anmärkningar',
      'Примечание',
      'Примечания',
      'Комментарий',
    ],
  },
} satisfies TrackingPreset;

/** All presets, in detection order; the generic one last, as the fallback. */
export const TRACKING_PRESETS: readonly TrackingPreset[] = [
  ownSheetPreset,
  atlasPreset,
  campaignPreset,
  genericTrackingPreset,
];

export const FALLBACK_TRACKING_PRESET: TrackingPreset = genericTrackingPreset;

export function trackingPresetById(id: string): TrackingPreset | undefined {
  return TRACKING_PRESETS.find((p) => p.id === id);
}

/** Share (0..1) of the preset's identifying headers present in `headers`. */
export const trackingPresetScore: (preset: TrackingPreset, headers: readonly string[]) => number =
  presetScore;

/** The preset whose identifying headers the sheet has best; the generic preset when none fits. */
export function detectTrackingPreset(headers: readonly string[]): TrackingPreset {
  return detectFrom(TRACKING_PRESETS, FALLBACK_TRACKING_PRESET, headers);
}

/**
 * The preset's header names for each field, followed by the generic names, so a known layout with
 * an unexpected order-id header (ATLAS does not document it) still maps.
 */
export function candidatesOf(preset: TrackingPreset): HeaderCandidates<TrackingField> {
  if (preset === genericTrackingPreset) return preset.columns;
  const merged: HeaderCandidates<TrackingField> = {};
  for (const key of TRACKING_FIELD_KEYS) {
    merged[key] = [...(preset.columns[key] ?? []), ...(genericTrackingPreset.columns[key] ?? [])];
  }
  return merged;
}
