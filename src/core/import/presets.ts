/**
 * Marketplace export layouts: one plain object per source, each `satisfies CsvPreset`, listed
 * explicitly in PRESETS with the generic preset as the explicit fallback. A preset names which
 * headers identify the export and which header feeds each target field; it holds no code.
 *
 * Sources for the column names (public references, no code copied):
 * - Amazon: SP-API "Order reports attributes", GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING and
 *   GET_FLAT_FILE_ALL_ORDERS_DATA_* (https://developer-docs.amazon.com/sp-api/docs/order-reports-attributes).
 * - eBay: the Seller Hub orders report header listed in github.com/randomecho/shifted-sales-report
 *   (README); the download adds a blank first line and a "record(s) downloaded" / "Seller ID"
 *   footer.
 * - Etsy: the sold orders CSV columns as modelled in github.com/YitongM/Etsy2ParcelMonkeyCSV
 *   (Models/EtsyImportModel.cs), which shows that UK shops get "Delivery City" etc. where US shops
 *   get "Ship City"; the sold order items export adds "Item Name", "Quantity", "SKU".
 * - Shopify: help.shopify.com orders CSV ("Name" is the order number, e.g. #1001; line items
 *   repeat the order on several rows).
 * - WooCommerce: core has no order CSV export. Title-case names ("Billing First Name") are those of
 *   the common order-export plugins; the snake_case names (`order_number`, `billing_first_name`,
 *   `shipping_postcode`, `item_name`) are the "Default" and "Default - One Row per Item" formats
 *   of the Customer/Order/Coupon CSV Export extension (woocommerce.com developer documentation
 *   and its published sample header rows). Matching is punctuation-blind, so one candidate such
 *   as "Billing First Name" also reads `billing_first_name`.
 * - Shopware 5: the "orders main data" profile of the official import/export plugin
 *   (github.com/shopware5/SwagImportExport, Setup/DefaultProfiles/OrderMainDataProfile.php): one
 *   row per order, no item columns; `orderNumber` is the number the buyer sees (`orderId` is the
 *   database id), `customerGroup` is a price group, not a name.
 *
 * Shop systems without a preset (Shopware 6, PrestaShop, Magento, JTL, Gambio, Wix, Squarespace):
 * no public description of an order CSV export with fixed columns was found (Shopware 6's
 * import/export profiles, Magento's grid export and JTL's Ameise are configured per shop), so none
 * is guessed here; their files go through the generic guess (`column-guess.ts`), which reads the
 * field names they use (`billingFirstName`, `Lieferadresse PLZ`, …). A look-alike of a preset
 * that lacks one of its required columns gets that column from the generic guess
 * (`fillRequiredGaps` in `index.ts`).
 */
import type { OrderSource } from '../ids.ts';
import type { DateOrder } from './dates.ts';
import { ORDER_FIELD_KEYS, type OrderField } from './fields.ts';
import type { HeaderCandidates } from './mapping.ts';
import { detectFrom, presetScore } from './preset-registry.ts';

export interface CsvPreset {
  id: string;
  source: OrderSource;
  /** Shown in the import screen; a product name, so not translated. */
  label: string;
  /**
   * Headers whose presence identifies the export; an inner list means "any one of these". Empty
   * for the generic preset, which is never detected, only fallen back to.
   */
  detect: readonly (string | readonly string[])[];
  /** Header names for each target field, best first (compared case- and punctuation-blind). */
  columns: HeaderCandidates<OrderField>;
  /** The delimiter the marketplace writes, for documentation and tests; detection still decides. */
  delimiter?: string;
  /** The order numeric dates are written in, settling a column that is ambiguous by itself. */
  dateOrder?: DateOrder;
  /**
   * Rows without an order id that carry an item belong to the order above (eBay writes a multi-item
   * order as a summary row followed by item rows).
   */
  continuationRows?: boolean;
}

export const amazonPreset = {
  id: 'amazon',
  source: 'amazon',
  label: 'Amazon order report',
  delimiter: '\t',
  detect: [['order-id', 'amazon-order-id'], 'order-item-id', 'purchase-date', 'sku', 'ship-postal-code'],
  columns: {
    orderId: ['order-id', 'amazon-order-id'],
    orderedAt: ['purchase-date'],
    buyerName: ['buyer-name'],
    email: ['buyer-email'],
    phone: ['ship-phone-number', 'buyer-phone-number'],
    recipientName: ['recipient-name'],
    line1: ['ship-address-1'],
    line2: ['ship-address-2'],
    line3: ['ship-address-3'],
    city: ['ship-city'],
    region: ['ship-state'],
    zip: ['ship-postal-code'],
    country: ['ship-country'],
    sku: ['sku'],
    title: ['product-name'],
    quantity: ['quantity-purchased', 'quantity'],
  },
} satisfies CsvPreset;

export const shopifyPreset = {
  id: 'shopify',
  source: 'shopify',
  label: 'Shopify orders export',
  delimiter: ',',
  detect: ['Name', 'Email', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Shipping Zip'],
  columns: {
    orderId: ['Name'],
    orderedAt: ['Created at'],
    buyerName: ['Billing Name'],
    email: ['Email'],
    phone: ['Shipping Phone', 'Phone', 'Billing Phone'],
    recipientName: ['Shipping Name'],
    line1: ['Shipping Address1', 'Shipping Street'],
    line2: ['Shipping Address2'],
    city: ['Shipping City'],
    region: ['Shipping Province', 'Shipping Province Name'],
    zip: ['Shipping Zip'],
    country: ['Shipping Country'],
    sku: ['Lineitem sku'],
    title: ['Lineitem name'],
    quantity: ['Lineitem quantity'],
  },
} satisfies CsvPreset;

export const ebayPreset = {
  id: 'ebay',
  source: 'ebay',
  label: 'eBay orders report',
  delimiter: ',',
  detect: ['Sales Record Number', 'Order Number', 'Buyer Username', 'Ship To Zip', 'Item Title'],
  columns: {
    orderId: ['Order Number'],
    orderedAt: ['Sale Date'],
    buyerName: ['Buyer Name'],
    email: ['Buyer Email'],
    phone: ['Ship To Phone'],
    recipientName: ['Ship To Name'],
    line1: ['Ship To Address 1'],
    line2: ['Ship To Address 2'],
    city: ['Ship To City'],
    region: ['Ship To State'],
    zip: ['Ship To Zip'],
    country: ['Ship To Country'],
    sku: ['Custom Label'],
    title: ['Item Title'],
    quantity: ['Quantity'],
  },
  continuationRows: true,
} satisfies CsvPreset;

export const etsyPreset = {
  id: 'etsy',
  source: 'etsy',
  label: 'Etsy sold orders',
  delimiter: ',',
  detect: [
    'Sale Date',
    'Order ID',
    ['Ship City', 'Delivery City'],
    ['Ship Zipcode', 'Delivery Zipcode'],
    ['Buyer User ID', 'Buyer', 'Item Name'],
  ],
  columns: {
    orderId: ['Order ID'],
    orderedAt: ['Sale Date'],
    buyerName: ['Full Name', 'Ship Name'],
    buyerFirstName: ['First Name'],
    buyerLastName: ['Last Name'],
    line1: ['Street 1', 'Ship Address1'],
    line2: ['Street 2', 'Ship Address2'],
    city: ['Ship City', 'Delivery City'],
    region: ['Ship State', 'Delivery State'],
    zip: ['Ship Zipcode', 'Delivery Zipcode'],
    country: ['Ship Country', 'Delivery Country'],
    sku: ['SKU'],
    title: ['Item Name'],
    quantity: ['Quantity', 'Number of Items'],
  },
  // Etsy writes Sale Date as MM/DD/YY whatever the shop's country.
  dateOrder: 'MDY',
} satisfies CsvPreset;

export const woocommercePreset = {
  id: 'woocommerce',
  source: 'woocommerce',
  label: 'WooCommerce order export',
  delimiter: ',',
  detect: [
    ['Order ID', 'Order Number'],
    'Order Date',
    'Billing First Name',
    'Shipping Postcode',
    'Item Name',
  ],
  columns: {
    // The order number is what the shop shows the buyer (plugins may prefix it); the post id is
    // the fallback.
    orderId: ['Order Number', 'Order ID'],
    orderedAt: ['Order Date', 'Date'],
    buyerFirstName: ['Billing First Name'],
    buyerLastName: ['Billing Last Name'],
    email: ['Billing Email Address', 'Billing Email'],
    phone: ['Billing Phone'],
    recipientFirstName: ['Shipping First Name'],
    recipientLastName: ['Shipping Last Name'],
    line1: ['Shipping Address 1'],
    line2: ['Shipping Address 2'],
    city: ['Shipping City'],
    region: ['Shipping State'],
    zip: ['Shipping Postcode'],
    country: ['Shipping Country'],
    sku: ['SKU', 'Item SKU'],
    title: ['Item Name'],
    quantity: ['Quantity', 'Item Quantity'],
  },
} satisfies CsvPreset;

export const shopware5Preset = {
  id: 'shopware5',
  source: 'generic',
  label: 'Shopware 5 orders (main data)',
  delimiter: ';',
  detect: [
    'orderNumber',
    'orderTime',
    'customerNumber',
    'shippingZipCode',
    'shippingStreet',
    'billingFirstName',
  ],
  columns: {
    orderId: ['orderNumber'],
    orderedAt: ['orderTime'],
    buyerFirstName: ['billingFirstName'],
    buyerLastName: ['billingLastName'],
    email: ['email'],
    phone: ['billingPhone'],
    recipientFirstName: ['shippingFirstName'],
    recipientLastName: ['shippingLastName'],
    line1: ['shippingStreet'],
    line2: ['shippingAdditionalAddressLine1'],
    line3: ['shippingAdditionalAddressLine2'],
    city: ['shippingCity'],
    region: ['shippingState'],
    zip: ['shippingZipCode'],
    country: ['shippingCountry'],
  },
} satisfies CsvPreset;

/**
 * Any other spreadsheet: header names sellers and shop systems use in English, German, Swedish and
 * Russian. Matching ignores case and punctuation ("E-Mail" = "Email", "Bestell-Nr." = "Bestellnr").
 */
export const genericPreset = {
  id: 'generic',
  source: 'generic',
  label: 'Other spreadsheet',
  detect: [],
  columns: {
    orderId: [
      'Order ID',
      'Order Number',
      'Order No',
      'Order Nr',
      'Order',
      'Order Reference',
      'Bestellnummer',
      'Bestell-Nr.',
      'Bestellnr',
      'Auftragsnummer',
      'Auftrags-Nr.',
      'Auftragsnr',
      'Bestellung',
      'Auftrag',
      'Ordernummer',
      'Ordernr',
      'Order-ID',
      'Beställningsnummer',
      'Beställning',
      'Номер заказа',
      '№ заказа',
      'Заказ',
      'Номер',
    ],
    orderedAt: [
      'Order Date',
      'Date',
      'Purchase Date',
      'Created at',
      'Sale Date',
      'Bestelldatum',
      'Auftragsdatum',
      'Datum',
      'Orderdatum',
      'Beställningsdatum',
      'Дата заказа',
      'Дата оформления',
      'Дата',
    ],
    buyerName: [
      'Name',
      'Full Name',
      'Customer',
      'Customer Name',
      'Buyer',
      'Buyer Name',
      'Kunde',
      'Kundenname',
      'Käufer',
      'Vollständiger Name',
      'Namn',
      'Kund',
      'Kundnamn',
      'Fullständigt namn',
      'ФИО',
      'Ф.И.О.',
      'Покупатель',
      'Клиент',
      'Имя и фамилия',
    ],
    buyerFirstName: ['First Name', 'Vorname', 'Förnamn', 'Имя'],
    buyerLastName: ['Last Name', 'Surname', 'Nachname', 'Familienname', 'Efternamn', 'Фамилия'],
    email: [
      'Email',
      'E-Mail',
      'Email Address',
      'E-Mail-Adresse',
      'Mail',
      'E-post',
      'E-postadress',
      'Электронная почта',
      'Эл. почта',
      'Почта',
    ],
    phone: [
      'Phone',
      'Telephone',
      'Phone Number',
      'Mobile',
      'Telefon',
      'Telefonnummer',
      'Tel.',
      'Handy',
      'Mobil',
      'Mobilnummer',
      'Телефон',
      'Мобильный телефон',
      'Тел.',
    ],
    recipientName: [
      'Recipient',
      'Recipient Name',
      'Ship To Name',
      'Shipping Name',
      'Empfänger',
      'Mottagare',
      'Получатель',
    ],
    line1: [
      'Address',
      'Address 1',
      'Address Line 1',
      'Street',
      'Street 1',
      'Street Address',
      'Straße',
      'Straße und Hausnummer',
      'Anschrift',
      'Adresse',
      'Lieferadresse',
      'Adress',
      'Gatuadress',
      'Utdelningsadress',
      'Leveransadress',
      'Адрес',
      'Улица',
      'Адрес доставки',
    ],
    houseNumber: ['House Number', 'Hausnummer', 'Hausnr', 'Nr.', 'Husnummer', 'Дом', 'Номер дома'],
    line2: [
      'Address 2',
      'Address Line 2',
      'Street 2',
      'Adresszusatz',
      'Zusatz',
      'c/o',
      'Adressrad 2',
      'Квартира',
    ],
    zip: [
      'Zip',
      'ZIP Code',
      'Postal Code',
      'Postcode',
      'Post Code',
      'PLZ',
      'Postleitzahl',
      'Postnummer',
      'Postnr',
      'Индекс',
      'Почтовый индекс',
    ],
    city: ['City', 'Town', 'Ort', 'Stadt', 'Wohnort', 'Postort', 'Stad', 'Город', 'Населённый пункт'],
    region: [
      'State',
      'Province',
      'Region',
      'County',
      'Bundesland',
      'Kanton',
      'Län',
      'Область',
      'Регион',
      'Край',
    ],
    country: ['Country', 'Country Code', 'Land', 'Staat', 'Landskod', 'Страна'],
    sku: [
      'SKU',
      'Item Number',
      'Article Number',
      'Product Code',
      'Artikelnummer',
      'Art.-Nr.',
      'Artikel-Nr.',
      'Artnr',
      'Artikelnr',
      'Артикул',
      'Код товара',
    ],
    title: [
      'Product',
      'Product Name',
      'Item',
      'Item Name',
      'Title',
      'Description',
      'Artikel',
      'Artikelname',
      'Artikelbezeichnung',
      'Bezeichnung',
      'Produkt',
      'Produktname',
      'Produktnamn',
      'Benämning',
      'Beskrivning',
      'Vara',
      'Товар',
      'Наименование',
      'Наименование товара',
      'Название',
      'Название товара',
    ],
    quantity: [
      'Quantity',
      'Qty',
      'Count',
      'Menge',
      'Anzahl',
      'Stück',
      'Stückzahl',
      'Antal',
      'Количество',
      'Кол-во',
      'Кол.',
    ],
  },
} satisfies CsvPreset;

/** All presets, in detection order; the generic one last, as the fallback. */
export const PRESETS: readonly CsvPreset[] = [
  amazonPreset,
  shopifyPreset,
  ebayPreset,
  etsyPreset,
  woocommercePreset,
  shopware5Preset,
  genericPreset,
];

export const FALLBACK_PRESET: CsvPreset = genericPreset;

export function presetById(id: string): CsvPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset whose identifying headers the file has best; the generic preset when none fits. */
export function detectPreset(headers: readonly string[]): CsvPreset {
  return detectFrom(PRESETS, FALLBACK_PRESET, headers);
}

export { presetScore };

/** Order in which fields pick headers, so specific fields claim their columns before broad ones. */
export const ORDER_FIELD_GUESS_ORDER: readonly OrderField[] = ORDER_FIELD_KEYS;
