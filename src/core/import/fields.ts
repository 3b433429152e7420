/**
 * The target fields of an order import: what the mapping editor lists, in its order, with the
 * ones an order cannot do without. The i18n labels live under `import.field.<key>`.
 */

export const ORDER_FIELD_KEYS = [
  'orderId',
  'orderedAt',
  'buyerName',
  'buyerFirstName',
  'buyerLastName',
  'email',
  'phone',
  'recipientName',
  'recipientFirstName',
  'recipientLastName',
  'line1',
  'houseNumber',
  'line2',
  'line3',
  'zip',
  'city',
  'region',
  'country',
  'sku',
  'title',
  'quantity',
] as const;
export type OrderField = (typeof ORDER_FIELD_KEYS)[number];

export type FieldGroup = 'order' | 'buyer' | 'address' | 'item';

/** One target field, generic so another file kind (tracking sheets) declares its own list. */
export interface TargetField<F extends string> {
  key: F;
  /** For the mapping editor's sections; a FieldGroup for orders. */
  group: string;
  /** The import cannot work without a column for it (or for one of `satisfiedBy`). */
  required: boolean;
  /** Other fields whose column fulfils the requirement (first + last name instead of a name). */
  satisfiedBy?: readonly F[];
  /** Excel mangles long digit strings here (`1.23457E+17`): such values are row errors. */
  excelSensitive?: boolean;
}

const BUYER_NAME_ALTERNATIVES = [
  'buyerFirstName',
  'buyerLastName',
  'recipientName',
  'recipientFirstName',
  'recipientLastName',
] as const satisfies readonly OrderField[];

export const ORDER_FIELDS = [
  { key: 'orderId', group: 'order', required: true, excelSensitive: true },
  { key: 'orderedAt', group: 'order', required: true },
  { key: 'buyerName', group: 'buyer', required: true, satisfiedBy: BUYER_NAME_ALTERNATIVES },
  { key: 'buyerFirstName', group: 'buyer', required: false },
  { key: 'buyerLastName', group: 'buyer', required: false },
  { key: 'email', group: 'buyer', required: false },
  { key: 'phone', group: 'buyer', required: false, excelSensitive: true },
  { key: 'recipientName', group: 'address', required: false },
  { key: 'recipientFirstName', group: 'address', required: false },
  { key: 'recipientLastName', group: 'address', required: false },
  { key: 'line1', group: 'address', required: true },
  { key: 'houseNumber', group: 'address', required: false },
  { key: 'line2', group: 'address', required: false },
  { key: 'line3', group: 'address', required: false },
  { key: 'zip', group: 'address', required: true, excelSensitive: true },
  { key: 'city', group: 'address', required: true },
  { key: 'region', group: 'address', required: false },
  // Required unless the caller passes `defaultCountry` (a domestic-only shop's file has no column).
  { key: 'country', group: 'address', required: true },
  // SKUs are often long digit strings (EANs) and get the same Excel damage as ids.
  { key: 'sku', group: 'item', required: false, excelSensitive: true },
  { key: 'title', group: 'item', required: false },
  { key: 'quantity', group: 'item', required: false },
] as const satisfies readonly TargetField<OrderField>[];

/** Fields that repeat per order (merged rows must agree on them), as opposed to per item. */
export const ORDER_LEVEL_FIELDS = [
  'buyerName',
  'buyerFirstName',
  'buyerLastName',
  'email',
  'phone',
  'recipientName',
  'recipientFirstName',
  'recipientLastName',
  'line1',
  'houseNumber',
  'line2',
  'line3',
  'zip',
  'city',
  'region',
  'country',
] as const satisfies readonly OrderField[];

/**
 * Optional fields whose absence costs the seller later: no e-mail means buyers can't be e-mailed,
 * no phone means no text messages, no country means domestic and international can't be told
 * apart, no SKU means items are known by title only. The preview names the missing ones.
 */
export const FIELDS_THAT_MATTER_LATER = [
  'email',
  'phone',
  'country',
  'sku',
] as const satisfies readonly OrderField[];
export type FieldThatMattersLater = (typeof FIELDS_THAT_MATTER_LATER)[number];

/**
 * The fields of `FIELDS_THAT_MATTER_LATER` without a column. A country filled in for every row
 * (`countryDefault`) counts as missing too: the file itself cannot tell the orders apart; without
 * that default, a missing country is a required column and reported as such instead.
 */
export function missingFieldsThatMatter(
  mapping: Partial<Record<OrderField, string>>,
  countryDefault: boolean,
): FieldThatMattersLater[] {
  return FIELDS_THAT_MATTER_LATER.filter(
    (f) => mapping[f] === undefined && (f !== 'country' || countryDefault),
  );
}

/** Required fields with no column in `mapping` (honouring `satisfiedBy`). */
export function missingRequiredFields<F extends string>(
  fields: readonly TargetField<F>[],
  mapping: Partial<Record<F, string>>,
  satisfiedElsewhere: readonly F[] = [],
): F[] {
  return fields
    .filter(
      (f) =>
        f.required &&
        mapping[f.key] === undefined &&
        !satisfiedElsewhere.includes(f.key) &&
        !(f.satisfiedBy ?? []).some((alt) => mapping[alt] !== undefined),
    )
    .map((f) => f.key);
}
