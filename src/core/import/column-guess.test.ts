import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrderFile } from './index.ts';
import { headerMeaning, splitHeader } from './header-words.ts';

const FIXTURES = new URL('../../../test/fixtures/import/', import.meta.url);

/** A file with these headers (and rows), every cell quoted so headers may hold commas. */
function csv(headers: readonly string[], rows: readonly (readonly string[])[] = []): Uint8Array {
  const line = (cells: readonly string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
  return new TextEncoder().encode([line(headers), ...rows.map(line)].join('\r\n') + '\r\n');
}

function split(headers: string): string[] {
  const delimiter = headers.includes('\t') ? '\t' : headers.includes(';') ? ';' : ',';
  return headers.split(delimiter).map((h) => h.trim());
}

interface HeaderSet {
  name: string;
  /** Where the layout comes from. */
  source: string;
  headers: string;
  /** Field -> header the guess must produce, nothing more. */
  mapping: Record<string, string>;
  /** Fields the seller must be asked to confirm (default: none). */
  unsure?: string[];
  preset?: string;
}

const MARKETPLACE = 'a marketplace preset (sources in presets.ts); fixture header row';
const HAND = 'hand-made seller sheet';

const HEADER_SETS: HeaderSet[] = [
  // --- Known exports, read by their presets; must not get worse.
  {
    name: 'Amazon order report',
    source: MARKETPLACE,
    preset: 'amazon',
    headers:
      'order-id\torder-item-id\tpurchase-date\tpayments-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tproduct-name\tquantity-purchased\tcurrency\titem-price\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number',
    mapping: {
      orderId: 'order-id',
      orderedAt: 'purchase-date',
      buyerName: 'buyer-name',
      email: 'buyer-email',
      phone: 'ship-phone-number',
      recipientName: 'recipient-name',
      line1: 'ship-address-1',
      line2: 'ship-address-2',
      line3: 'ship-address-3',
      city: 'ship-city',
      region: 'ship-state',
      zip: 'ship-postal-code',
      country: 'ship-country',
      sku: 'sku',
      title: 'product-name',
      quantity: 'quantity-purchased',
    },
  },
  {
    name: 'Shopify orders export',
    source: MARKETPLACE,
    preset: 'shopify',
    headers:
      'Name,Email,Financial Status,Paid at,Fulfillment Status,Created at,Lineitem quantity,Lineitem name,Lineitem sku,Billing Name,Billing Street,Billing Address1,Billing City,Billing Zip,Billing Country,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone',
    mapping: {
      orderId: 'Name',
      orderedAt: 'Created at',
      buyerName: 'Billing Name',
      email: 'Email',
      phone: 'Shipping Phone',
      recipientName: 'Shipping Name',
      line1: 'Shipping Address1',
      line2: 'Shipping Address2',
      city: 'Shipping City',
      region: 'Shipping Province',
      zip: 'Shipping Zip',
      country: 'Shipping Country',
      sku: 'Lineitem sku',
      title: 'Lineitem name',
      quantity: 'Lineitem quantity',
    },
  },
  {
    name: 'eBay orders report',
    source: MARKETPLACE,
    preset: 'ebay',
    headers:
      'Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Address 1,Buyer City,Buyer Zip,Buyer Country,Ship To Name,Ship To Phone,Ship To Address 1,Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,Item Title,Custom Label,Quantity,Sale Date',
    mapping: {
      orderId: 'Order Number',
      orderedAt: 'Sale Date',
      buyerName: 'Buyer Name',
      email: 'Buyer Email',
      phone: 'Ship To Phone',
      recipientName: 'Ship To Name',
      line1: 'Ship To Address 1',
      line2: 'Ship To Address 2',
      city: 'Ship To City',
      region: 'Ship To State',
      zip: 'Ship To Zip',
      country: 'Ship To Country',
      sku: 'Custom Label',
      title: 'Item Title',
      quantity: 'Quantity',
    },
  },
  {
    name: 'Etsy sold orders',
    source: MARKETPLACE,
    preset: 'etsy',
    headers:
      'Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Sale Date',
      buyerName: 'Full Name',
      buyerFirstName: 'First Name',
      buyerLastName: 'Last Name',
      line1: 'Street 1',
      line2: 'Street 2',
      city: 'Ship City',
      region: 'Ship State',
      zip: 'Ship Zipcode',
      country: 'Ship Country',
      quantity: 'Number of Items',
    },
  },
  {
    name: 'Etsy sold order items',
    source: MARKETPLACE,
    preset: 'etsy',
    headers:
      'Sale Date,Item Name,Buyer,Quantity,Price,Transaction ID,Listing ID,Date Paid,Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,SKU',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Sale Date',
      buyerName: 'Ship Name',
      line1: 'Ship Address1',
      line2: 'Ship Address2',
      city: 'Ship City',
      region: 'Ship State',
      zip: 'Ship Zipcode',
      country: 'Ship Country',
      sku: 'SKU',
      title: 'Item Name',
      quantity: 'Quantity',
    },
  },
  {
    name: 'WooCommerce order export',
    source: MARKETPLACE,
    preset: 'woocommerce',
    headers:
      'Order Number,Order Status,Order Date,Customer Note,Billing First Name,Billing Last Name,Billing Address 1,Billing City,Billing Postcode,Billing Country,Billing Email Address,Billing Phone,Shipping First Name,Shipping Last Name,Shipping Address 1,Shipping Address 2,Shipping City,Shipping State,Shipping Postcode,Shipping Country,Item Name,SKU,Quantity',
    mapping: {
      orderId: 'Order Number',
      orderedAt: 'Order Date',
      buyerFirstName: 'Billing First Name',
      buyerLastName: 'Billing Last Name',
      email: 'Billing Email Address',
      phone: 'Billing Phone',
      recipientFirstName: 'Shipping First Name',
      recipientLastName: 'Shipping Last Name',
      line1: 'Shipping Address 1',
      line2: 'Shipping Address 2',
      city: 'Shipping City',
      region: 'Shipping State',
      zip: 'Shipping Postcode',
      country: 'Shipping Country',
      sku: 'SKU',
      title: 'Item Name',
      quantity: 'Quantity',
    },
  },
  {
    name: 'WooCommerce Customer/Order/Coupon CSV Export, one row per item (snake_case keys)',
    source:
      'woocommerce.com Customer/Order/Coupon Export developer documentation and its published sample header row',
    preset: 'woocommerce',
    headers:
      'order_id,order_number_formatted,order_number,date,status,order_shipping,order_total,payment_method,shipping_method,customer_user,billing_first_name,billing_last_name,billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,billing_company,shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country,shipping_company,customer_note,item_name,item_sku,item_quantity',
    mapping: {
      orderId: 'order_number',
      orderedAt: 'date',
      buyerFirstName: 'billing_first_name',
      buyerLastName: 'billing_last_name',
      email: 'billing_email',
      phone: 'billing_phone',
      recipientFirstName: 'shipping_first_name',
      recipientLastName: 'shipping_last_name',
      line1: 'shipping_address_1',
      line2: 'shipping_address_2',
      city: 'shipping_city',
      region: 'shipping_state',
      zip: 'shipping_postcode',
      country: 'shipping_country',
      sku: 'item_sku',
      title: 'item_name',
      quantity: 'item_quantity',
    },
  },
  {
    name: 'Shopware 5 orders main data (one row per order, billing and shipping side by side)',
    source: 'github.com/shopware5/SwagImportExport Setup/DefaultProfiles/OrderMainDataProfile.php',
    preset: 'shopware5',
    headers:
      'orderId;orderNumber;invoiceNumber;invoiceAmount;invoiceAmountNet;invoiceShipping;invoiceShippingNet;taxRateSums;taxRate;net;taxFree;paymentName;paymentStatus;orderStatus;currency;currencyFactor;transactionId;trackingCode;orderTime;email;customerNumber;customerGroup;billingSalutation;billingFirstName;billingLastName;billingCompany;billingDepartment;billingStreet;billingZipCode;billingCity;billingPhone;billingFax;billingAdditionalAddressLine1;billingAdditionalAddressLine2;billingState;billingCountry;shippingSalutation;shippingFirstName;shippingLastName;shippingCompany;shippingDepartment;shippingStreet;shippingZipCode;shippingCity;shippingAdditionalAddressLine1;shippingState;shippingCountry',
    mapping: {
      orderId: 'orderNumber',
      orderedAt: 'orderTime',
      buyerFirstName: 'billingFirstName',
      buyerLastName: 'billingLastName',
      email: 'email',
      phone: 'billingPhone',
      recipientFirstName: 'shippingFirstName',
      recipientLastName: 'shippingLastName',
      line1: 'shippingStreet',
      line2: 'shippingAdditionalAddressLine1',
      city: 'shippingCity',
      region: 'shippingState',
      zip: 'shippingZipCode',
      country: 'shippingCountry',
    },
  },
  {
    name: 'A shop system sheet with a customer group, a department and a fax beside the names',
    source: HAND + ' (customer master data pasted beside the order)',
    headers:
      'Order No,Order Date,Customer Group,First Name,Last Name,Department,Fax,Phone,Street,Postcode,City,Country',
    mapping: {
      orderId: 'Order No',
      orderedAt: 'Order Date',
      buyerFirstName: 'First Name',
      buyerLastName: 'Last Name',
      phone: 'Phone',
      line1: 'Street',
      zip: 'Postcode',
      city: 'City',
      country: 'Country',
    },
  },
  {
    name: 'A Shopify look-alike that names the order number "Order ID": the preset gap is guessed',
    source: HAND + ' (Shopify column names, as several site builders write them)',
    preset: 'shopify',
    headers:
      'Order ID,Email,Financial Status,Paid at,Created at,Lineitem quantity,Lineitem name,Lineitem sku,Billing Name,Shipping Name,Shipping Address1,Shipping Address2,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Created at',
      buyerName: 'Billing Name',
      email: 'Email',
      phone: 'Shipping Phone',
      recipientName: 'Shipping Name',
      line1: 'Shipping Address1',
      line2: 'Shipping Address2',
      city: 'Shipping City',
      region: 'Shipping Province',
      zip: 'Shipping Zip',
      country: 'Shipping Country',
      sku: 'Lineitem sku',
      title: 'Lineitem name',
      quantity: 'Lineitem quantity',
    },
    unsure: ['orderId'],
  },
  // --- Shop systems' own field names, read by the generic guess.
  {
    name: 'Shopware 6 order fields (camelCase, billing and shipping side by side)',
    source: 'docs.synesty.com ShopwareSearchOrders field list (Shopware 6 order entity)',
    headers:
      'OrderNumber,OrderDateTime,BillingAddressFirstName,BillingAddressLastName,BillingAddressStreet,BillingAddressZipcode,BillingAddressCity,BillingAddressPhoneNumber,ShippingAddressFirstName,ShippingAddressLastName,ShippingAddressStreet,ShippingAddressAdditionalAddressLine1,ShippingAddressZipcode,ShippingAddressCity,ShippingAddressCountry,OrderCustomerEmail',
    mapping: {
      orderId: 'OrderNumber',
      orderedAt: 'OrderDateTime',
      buyerFirstName: 'BillingAddressFirstName',
      buyerLastName: 'BillingAddressLastName',
      phone: 'BillingAddressPhoneNumber',
      email: 'OrderCustomerEmail',
      recipientFirstName: 'ShippingAddressFirstName',
      recipientLastName: 'ShippingAddressLastName',
      line1: 'ShippingAddressStreet',
      line2: 'ShippingAddressAdditionalAddressLine1',
      zip: 'ShippingAddressZipcode',
      city: 'ShippingAddressCity',
      country: 'ShippingAddressCountry',
    },
  },
  {
    name: 'Spryker orders.csv (snake_case, customer and billing names)',
    source: 'docs.spryker.com "Data Export Orders .csv Files Format"',
    headers:
      'order_reference,customer_reference,order_created_at,order_updated_at,order_store,email,salutation,first_name,last_name,order_note,currency_iso_code,billing_address_first_name,billing_address_last_name,billing_address_email,billing_address_cell_phone',
    mapping: {
      orderId: 'order_reference',
      orderedAt: 'order_created_at',
      buyerFirstName: 'first_name',
      buyerLastName: 'last_name',
      email: 'email',
      phone: 'billing_address_cell_phone',
    },
  },
  {
    name: 'Shift4Shop (3dcart) order fields: billing address only',
    source: 'apirest.3dcart.com Cart resource model',
    headers:
      'OrderKey,OrderDate,OrderAmount,CustomerId,BillingFirstName,BillingLastName,BillingCompany,BillingAddress,BillingAddress2,BillingCity,BillingState,BillingZipCode',
    mapping: {
      orderId: 'OrderKey',
      orderedAt: 'OrderDate',
      buyerFirstName: 'BillingFirstName',
      buyerLastName: 'BillingLastName',
      line1: 'BillingAddress',
      line2: 'BillingAddress2',
      city: 'BillingCity',
      region: 'BillingState',
      zip: 'BillingZipCode',
    },
    // "OrderKey" is an order word and an unknown one: a guess to confirm.
    unsure: ['orderId', 'line1', 'line2', 'zip', 'city', 'region'],
  },
  {
    name: 'ExpressionEngine Store order CSV template',
    source: 'gist.github.com/3Easy/4e2ca319bbdfd99d4400',
    headers:
      'Order ID, Email, Shipping Name, Shipping Address 1, Shipping Address 2, Shipping City, Shipping State, Shipping Postcode, Shipping Country, Order Items',
    mapping: {
      orderId: 'Order ID',
      email: 'Email',
      recipientName: 'Shipping Name',
      line1: 'Shipping Address 1',
      line2: 'Shipping Address 2',
      city: 'Shipping City',
      region: 'Shipping State',
      zip: 'Shipping Postcode',
      country: 'Shipping Country',
      title: 'Order Items',
    },
  },
  {
    name: 'Order-import API fields (snake_case, run-together names)',
    source: 'share.apidog.com order import API (imported_order_id, firstname, telephone, zone)',
    headers:
      'imported_order_id,firstname,lastname,company,email,telephone,date_ordered,address_1,address_2,city,postcode,country,zone,shipping_method,total',
    mapping: {
      orderId: 'imported_order_id',
      orderedAt: 'date_ordered',
      buyerFirstName: 'firstname',
      buyerLastName: 'lastname',
      email: 'email',
      phone: 'telephone',
      line1: 'address_1',
      line2: 'address_2',
      city: 'city',
      zip: 'postcode',
      country: 'country',
      region: 'zone',
    },
  },
  {
    name: 'DreamRobot order CSV (camelCase, delivery and billing address)',
    source: 'dreamrobot.de handbook "Standard-CSV-Importe" (CSV header names)',
    headers:
      'orderId;orderDate;deliveryAddressTitle;deliveryAddressFirstName;deliveryAddressLastName;deliveryAddressCompany;deliveryAddressStreet;deliveryAddressHousenumber;deliveryAddressAdditional;deliveryAddressZipCode;deliveryAddressCity;deliveryAddressProvince;deliveryAddressCountry;billingAddressTitle;billingAddressFirstName;billingAddressLastName;billingAddressCompany;billingAddressStreet',
    mapping: {
      orderId: 'orderId',
      orderedAt: 'orderDate',
      recipientFirstName: 'deliveryAddressFirstName',
      recipientLastName: 'deliveryAddressLastName',
      line1: 'deliveryAddressStreet',
      houseNumber: 'deliveryAddressHousenumber',
      line2: 'deliveryAddressAdditional',
      zip: 'deliveryAddressZipCode',
      city: 'deliveryAddressCity',
      region: 'deliveryAddressProvince',
      country: 'deliveryAddressCountry',
      buyerFirstName: 'billingAddressFirstName',
      buyerLastName: 'billingAddressLastName',
    },
  },
  {
    name: 'ChannelDock order upload fields (German labels)',
    source: 'help.channeldock.com "Manuelles Hochladen von Bestellungen" (import fields)',
    headers:
      'Bestell-ID;Bestellstatus;Vorname;Zweiter Vorname;Nachname;Firma;Adresse 1;Adresse 2;Straße;Hausnummer;Hausnummernzusatz;Adresszusatz;Ort;Region;Postleitzahl;Ländercode (2 Buchstaben);Telefonnummer;E-Mail;EAN;Menge',
    mapping: {
      orderId: 'Bestell-ID',
      buyerFirstName: 'Vorname',
      buyerLastName: 'Nachname',
      line1: 'Straße',
      houseNumber: 'Hausnummer',
      // "Adresszusatz" is the generic layout's own name for the second line; "Adresse 2" is as
      // good a candidate, so the seller is asked.
      line2: 'Adresszusatz',
      city: 'Ort',
      region: 'Region',
      zip: 'Postleitzahl',
      country: 'Ländercode (2 Buchstaben)',
      phone: 'Telefonnummer',
      email: 'E-Mail',
      sku: 'EAN',
      quantity: 'Menge',
    },
    unsure: ['line2'],
  },
  {
    name: 'ERP order connector CSV (INVOICE_ and SHIPPING_ prefixes, NAME1/NAME2)',
    source: 'docs.jay-metadata.com "CSV Order Connector"',
    headers:
      'INVOICE_NAME1,INVOICE_NAME2,INVOICE_STREET,INVOICE_HOUSENUMBER,INVOICE_PLZ,INVOICE_CITY,INVOICE_COUNTRY,INVOICE_EMAIL,INVOICE_TELEFON,SHIPPING_NAME1,SHIPPING_NAME2,SHIPPING_STREET,SHIPPING_HOUSENUMBER,SHIPPING_PLZ,SHIPPING_CITY,SHIPPING_COUNTRY,PRODUCT_SKU,PRODUCT_NAME,PRODUCT_QUANTITY,PRODUCT_PRICE,SHIPPING_COST,TOTAL_COST,ORDER_NUMBER,PAYMENT_ID',
    mapping: {
      buyerName: 'INVOICE_NAME1',
      email: 'INVOICE_EMAIL',
      phone: 'INVOICE_TELEFON',
      recipientName: 'SHIPPING_NAME1',
      line1: 'SHIPPING_STREET',
      houseNumber: 'SHIPPING_HOUSENUMBER',
      zip: 'SHIPPING_PLZ',
      city: 'SHIPPING_CITY',
      country: 'SHIPPING_COUNTRY',
      sku: 'PRODUCT_SKU',
      title: 'PRODUCT_NAME',
      quantity: 'PRODUCT_QUANTITY',
      orderId: 'ORDER_NUMBER',
    },
    // NAME1 and NAME2 say nothing about which is which: the seller chooses.
    unsure: ['buyerName', 'recipientName'],
  },
  // --- English sheets.
  {
    name: 'Plain list of a new seller',
    source: HAND,
    headers:
      'Order Number, Order Date, Buyer Name, Buyer Email, Street, Postcode, City, Country, SKU, Quantity, Item',
    mapping: {
      orderId: 'Order Number',
      orderedAt: 'Order Date',
      buyerName: 'Buyer Name',
      email: 'Buyer Email',
      line1: 'Street',
      zip: 'Postcode',
      city: 'City',
      country: 'Country',
      sku: 'SKU',
      quantity: 'Quantity',
      title: 'Item',
    },
  },
  {
    name: 'Ship-to prefixes and a hash for the number',
    source: HAND,
    headers:
      'Order #,Order placed,Customer email,Ship-to name,Ship-to address,Ship-to postcode,Ship-to city,Ship-to country,Product,Qty',
    mapping: {
      orderId: 'Order #',
      orderedAt: 'Order placed',
      email: 'Customer email',
      recipientName: 'Ship-to name',
      line1: 'Ship-to address',
      zip: 'Ship-to postcode',
      city: 'Ship-to city',
      country: 'Ship-to country',
      title: 'Product',
      quantity: 'Qty',
    },
  },
  {
    name: 'UK sheet with address lines, county and split name',
    source: HAND,
    headers:
      'Order No.;Date;First Name;Last Name;E-mail address;Phone no.;Address line 1;Address line 2;Town;County;Post code;Country;Item SKU;Item description;Quantity',
    mapping: {
      orderId: 'Order No.',
      orderedAt: 'Date',
      buyerFirstName: 'First Name',
      buyerLastName: 'Last Name',
      email: 'E-mail address',
      phone: 'Phone no.',
      line1: 'Address line 1',
      line2: 'Address line 2',
      city: 'Town',
      region: 'County',
      zip: 'Post code',
      country: 'Country',
      sku: 'Item SKU',
      title: 'Item description',
      quantity: 'Quantity',
    },
  },
  {
    name: 'Billing and shipping side by side: shipping is the address',
    source: HAND,
    headers:
      'Order ID,Order Date,Billing Name,Billing Street,Billing City,Billing Zip,Billing Country,Shipping Name,Shipping Street,Shipping City,Shipping Zip,Shipping Country,Email,Phone',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Order Date',
      buyerName: 'Billing Name',
      recipientName: 'Shipping Name',
      line1: 'Shipping Street',
      city: 'Shipping City',
      zip: 'Shipping Zip',
      country: 'Shipping Country',
      email: 'Email',
      phone: 'Phone',
    },
  },
  {
    name: 'camelCase developer export',
    source: HAND,
    headers:
      'orderId,createdAt,customerName,customerEmail,customerPhone,shipStreet,shipHouseNumber,shipZip,shipCity,shipCountryCode,productSku,productName,qty',
    mapping: {
      orderId: 'orderId',
      orderedAt: 'createdAt',
      buyerName: 'customerName',
      email: 'customerEmail',
      phone: 'customerPhone',
      line1: 'shipStreet',
      houseNumber: 'shipHouseNumber',
      zip: 'shipZip',
      city: 'shipCity',
      country: 'shipCountryCode',
      sku: 'productSku',
      title: 'productName',
      quantity: 'qty',
    },
  },
  {
    name: 'SCREAMING_SNAKE with delivery prefix',
    source: HAND,
    headers:
      'ORDER_NUMBER,ORDER_DATE,BUYER_FULL_NAME,BUYER_EMAIL,DELIVERY_ADDRESS_1,DELIVERY_ADDRESS_2,DELIVERY_POSTAL_CODE,DELIVERY_CITY,DELIVERY_STATE,DELIVERY_COUNTRY,SKU,QUANTITY',
    mapping: {
      orderId: 'ORDER_NUMBER',
      orderedAt: 'ORDER_DATE',
      buyerName: 'BUYER_FULL_NAME',
      email: 'BUYER_EMAIL',
      line1: 'DELIVERY_ADDRESS_1',
      line2: 'DELIVERY_ADDRESS_2',
      zip: 'DELIVERY_POSTAL_CODE',
      city: 'DELIVERY_CITY',
      region: 'DELIVERY_STATE',
      country: 'DELIVERY_COUNTRY',
      sku: 'SKU',
      quantity: 'QUANTITY',
    },
  },
  {
    name: 'Money, status and method columns are left alone',
    source: HAND,
    headers:
      'Order,Date,Status,Customer,Email,Total,Currency,Payment Method,Shipping Method,Shipping Cost,Address,Zip,City,Country,Notes',
    mapping: {
      orderId: 'Order',
      orderedAt: 'Date',
      buyerName: 'Customer',
      email: 'Email',
      line1: 'Address',
      zip: 'Zip',
      city: 'City',
      country: 'Country',
    },
  },
  {
    name: "The seller's name and e-mail are never the buyer's",
    source: HAND,
    headers:
      'Order Number,Seller Name,Seller Email,Buyer Name,Buyer Email,Buyer Phone,Ship To Street,Ship To Zip,Ship To City,Ship To Country,Order Date',
    mapping: {
      orderId: 'Order Number',
      buyerName: 'Buyer Name',
      email: 'Buyer Email',
      phone: 'Buyer Phone',
      line1: 'Ship To Street',
      zip: 'Ship To Zip',
      city: 'Ship To City',
      country: 'Ship To Country',
      orderedAt: 'Order Date',
    },
  },
  {
    name: 'Recipient, apartment line and units',
    source: HAND,
    headers:
      'Order Ref,Purchase Date,Recipient,Recipient Phone,Street Address,Apt/Suite,ZIP Code,City,State,Country,Item,Item Number,Units',
    mapping: {
      orderId: 'Order Ref',
      orderedAt: 'Purchase Date',
      recipientName: 'Recipient',
      phone: 'Recipient Phone',
      line1: 'Street Address',
      line2: 'Apt/Suite',
      zip: 'ZIP Code',
      city: 'City',
      region: 'State',
      country: 'Country',
      title: 'Item',
      sku: 'Item Number',
      quantity: 'Units',
    },
  },
  {
    name: 'Abbreviations with dots',
    source: HAND,
    headers: 'Ord. No.,Ord. Date,Cust. Name,Cust. Email,Tel.,Addr.,Postcode,City,Ctry,Art. No.,Qty',
    mapping: {
      orderId: 'Ord. No.',
      orderedAt: 'Ord. Date',
      buyerName: 'Cust. Name',
      email: 'Cust. Email',
      phone: 'Tel.',
      line1: 'Addr.',
      zip: 'Postcode',
      city: 'City',
      country: 'Ctry',
      sku: 'Art. No.',
      quantity: 'Qty',
    },
  },
  {
    name: 'Three address lines',
    source: HAND,
    headers:
      'Order ID\tOrder Date\tName\tEmail\tAddress 1\tAddress 2\tAddress 3\tZip\tCity\tState\tCountry\tPhone',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Order Date',
      buyerName: 'Name',
      email: 'Email',
      line1: 'Address 1',
      line2: 'Address 2',
      line3: 'Address 3',
      zip: 'Zip',
      city: 'City',
      region: 'State',
      country: 'Country',
      phone: 'Phone',
    },
  },
  {
    name: 'Suffixes in brackets',
    source: HAND,
    headers:
      'Order number (web),Order date (UTC),Buyer name,Buyer e-mail (optional),Ship to: street,Ship to: postcode,Ship to: city,Ship to: country (ISO),SKU / EAN,Qty (pcs)',
    mapping: {
      orderId: 'Order number (web)',
      orderedAt: 'Order date (UTC)',
      buyerName: 'Buyer name',
      email: 'Buyer e-mail (optional)',
      line1: 'Ship to: street',
      zip: 'Ship to: postcode',
      city: 'Ship to: city',
      country: 'Ship to: country (ISO)',
      sku: 'SKU / EAN',
      quantity: 'Qty (pcs)',
    },
  },
  {
    name: 'Billing address only: taken, but the seller confirms',
    source: HAND,
    headers:
      'Order,Date,Billing Name,Billing Email,Billing Address,Billing Postcode,Billing City,Billing Country',
    mapping: {
      orderId: 'Order',
      orderedAt: 'Date',
      buyerName: 'Billing Name',
      email: 'Billing Email',
      line1: 'Billing Address',
      zip: 'Billing Postcode',
      city: 'Billing City',
      country: 'Billing Country',
    },
    unsure: ['line1', 'zip', 'city', 'country'],
  },
  {
    name: 'Two e-mail columns of equal standing: the seller chooses',
    source: HAND,
    headers: 'Order ID,Date,Name,Billing Email,Shipping Email,Street,Zip,City,Country',
    mapping: {
      orderId: 'Order ID',
      orderedAt: 'Date',
      buyerName: 'Name',
      email: 'Billing Email',
      line1: 'Street',
      zip: 'Zip',
      city: 'City',
      country: 'Country',
    },
    unsure: ['email'],
  },
  {
    name: 'Customer prefix and delivery prefix in English',
    source: HAND,
    headers:
      'Order Number;Order Date;Customer First Name;Customer Last Name;Customer E-Mail;Delivery Address;Delivery Postcode;Delivery City;Delivery Country;Item;Quantity',
    mapping: {
      orderId: 'Order Number',
      orderedAt: 'Order Date',
      buyerFirstName: 'Customer First Name',
      buyerLastName: 'Customer Last Name',
      email: 'Customer E-Mail',
      line1: 'Delivery Address',
      zip: 'Delivery Postcode',
      city: 'Delivery City',
      country: 'Delivery Country',
      title: 'Item',
      quantity: 'Quantity',
    },
  },
  // --- German sheets.
  {
    name: 'German shop export: split name, customer e-mail, delivery-address prefix',
    source: HAND,
    headers:
      'Bestellnummer;Bestelldatum;Vorname;Nachname;Kunde E-Mail;Lieferadresse Straße;Lieferadresse PLZ;Lieferadresse Ort;Lieferadresse Land;Artikelnummer;Artikelname;Menge',
    mapping: {
      orderId: 'Bestellnummer',
      orderedAt: 'Bestelldatum',
      buyerFirstName: 'Vorname',
      buyerLastName: 'Nachname',
      email: 'Kunde E-Mail',
      line1: 'Lieferadresse Straße',
      zip: 'Lieferadresse PLZ',
      city: 'Lieferadresse Ort',
      country: 'Lieferadresse Land',
      sku: 'Artikelnummer',
      title: 'Artikelname',
      quantity: 'Menge',
    },
  },
  {
    name: 'German billing and delivery address side by side',
    source: HAND,
    headers:
      'Bestell-Nr.;Bestelldatum;Rechnungsadresse Vorname;Rechnungsadresse Nachname;Rechnungsadresse Straße;Rechnungsadresse PLZ;Rechnungsadresse Ort;Lieferadresse Vorname;Lieferadresse Nachname;Lieferadresse Straße;Lieferadresse Hausnummer;Lieferadresse PLZ;Lieferadresse Ort;Lieferadresse Land;E-Mail;Telefon',
    mapping: {
      orderId: 'Bestell-Nr.',
      orderedAt: 'Bestelldatum',
      buyerFirstName: 'Rechnungsadresse Vorname',
      buyerLastName: 'Rechnungsadresse Nachname',
      recipientFirstName: 'Lieferadresse Vorname',
      recipientLastName: 'Lieferadresse Nachname',
      line1: 'Lieferadresse Straße',
      houseNumber: 'Lieferadresse Hausnummer',
      zip: 'Lieferadresse PLZ',
      city: 'Lieferadresse Ort',
      country: 'Lieferadresse Land',
      email: 'E-Mail',
      phone: 'Telefon',
    },
  },
  {
    name: 'German compounds: Kundennummer is no name, Kundenname is',
    source: HAND,
    headers:
      'Auftragsnummer;Auftragsdatum;Kundennummer;Kundenname;Kunden-E-Mail;Versandadresse;PLZ;Ort;Land;Artikel-Nr.;Artikelbezeichnung;Stückzahl',
    mapping: {
      orderId: 'Auftragsnummer',
      orderedAt: 'Auftragsdatum',
      buyerName: 'Kundenname',
      email: 'Kunden-E-Mail',
      line1: 'Versandadresse',
      zip: 'PLZ',
      city: 'Ort',
      country: 'Land',
      sku: 'Artikel-Nr.',
      title: 'Artikelbezeichnung',
      quantity: 'Stückzahl',
    },
  },
  {
    name: 'German street and house number apart',
    source: HAND,
    headers: 'Bestellung;Datum;Name;Straße;Hausnr.;PLZ;Ort;Land;E-Mail-Adresse;Handy;Artikel;Menge',
    mapping: {
      orderId: 'Bestellung',
      orderedAt: 'Datum',
      buyerName: 'Name',
      line1: 'Straße',
      houseNumber: 'Hausnr.',
      zip: 'PLZ',
      city: 'Ort',
      country: 'Land',
      email: 'E-Mail-Adresse',
      phone: 'Handy',
      title: 'Artikel',
      quantity: 'Menge',
    },
  },
  {
    name: 'German camelCase compounds',
    source: HAND,
    headers:
      'BestellNr;BestellDatum;KundeVorname;KundeNachname;KundeEmail;LieferStrasse;LieferPLZ;LieferOrt;LieferLand;ArtikelNr;Anzahl',
    mapping: {
      orderId: 'BestellNr',
      orderedAt: 'BestellDatum',
      buyerFirstName: 'KundeVorname',
      buyerLastName: 'KundeNachname',
      email: 'KundeEmail',
      line1: 'LieferStrasse',
      zip: 'LieferPLZ',
      city: 'LieferOrt',
      country: 'LieferLand',
      sku: 'ArtikelNr',
      quantity: 'Anzahl',
    },
  },
  {
    name: 'German buyer and recipient',
    source: HAND,
    headers:
      'Auftrag;Auftragsdatum;Käufer;Käufer E-Mail;Empfänger;Empfänger Straße;Empfänger PLZ;Empfänger Ort;Empfänger Land;Empfänger Telefon;Menge;Artikelname',
    mapping: {
      orderId: 'Auftrag',
      orderedAt: 'Auftragsdatum',
      buyerName: 'Käufer',
      email: 'Käufer E-Mail',
      recipientName: 'Empfänger',
      line1: 'Empfänger Straße',
      zip: 'Empfänger PLZ',
      city: 'Empfänger Ort',
      country: 'Empfänger Land',
      phone: 'Empfänger Telefon',
      quantity: 'Menge',
      title: 'Artikelname',
    },
  },
  {
    name: 'Swiss sheet with address supplement and canton',
    source: HAND,
    headers: 'Bestellnummer;Bestelldatum;Vollständiger Name;E-Mail;Adresse;Adresszusatz;PLZ;Ort;Kanton;Land',
    mapping: {
      orderId: 'Bestellnummer',
      orderedAt: 'Bestelldatum',
      buyerName: 'Vollständiger Name',
      email: 'E-Mail',
      line1: 'Adresse',
      line2: 'Adresszusatz',
      zip: 'PLZ',
      city: 'Ort',
      region: 'Kanton',
      country: 'Land',
    },
  },
  {
    name: 'German run-together delivery compounds',
    source: HAND,
    headers:
      'Bestell-ID;Erstellt am;Rechnungsname;Rechnung E-Mail;Liefername;Lieferstraße;Liefer-PLZ;Lieferort;Lieferland;Artikelnummer;Bezeichnung;Menge',
    mapping: {
      orderId: 'Bestell-ID',
      orderedAt: 'Erstellt am',
      buyerName: 'Rechnungsname',
      email: 'Rechnung E-Mail',
      recipientName: 'Liefername',
      line1: 'Lieferstraße',
      zip: 'Liefer-PLZ',
      city: 'Lieferort',
      country: 'Lieferland',
      sku: 'Artikelnummer',
      title: 'Bezeichnung',
      quantity: 'Menge',
    },
  },
  // --- Swedish sheets.
  {
    name: 'Swedish sheet with split name, e-post and c/o',
    source: HAND,
    headers:
      'Ordernummer;Orderdatum;Förnamn;Efternamn;E-post;Mobilnummer;Gatuadress;c/o;Postnummer;Postort;Land;Artikelnummer;Antal',
    mapping: {
      orderId: 'Ordernummer',
      orderedAt: 'Orderdatum',
      buyerFirstName: 'Förnamn',
      buyerLastName: 'Efternamn',
      email: 'E-post',
      phone: 'Mobilnummer',
      line1: 'Gatuadress',
      line2: 'c/o',
      zip: 'Postnummer',
      city: 'Postort',
      country: 'Land',
      sku: 'Artikelnummer',
      quantity: 'Antal',
    },
  },
  {
    name: 'Swedish delivery and invoice address side by side',
    source: HAND,
    headers:
      'Beställningsnummer;Beställningsdatum;Kundens namn;Kundens e-post;Leveransadress;Leveranspostnummer;Leveransort;Leveransland;Fakturaadress;Fakturapostnummer;Fakturaort;Produktnamn;Antal',
    mapping: {
      orderId: 'Beställningsnummer',
      orderedAt: 'Beställningsdatum',
      buyerName: 'Kundens namn',
      email: 'Kundens e-post',
      line1: 'Leveransadress',
      zip: 'Leveranspostnummer',
      city: 'Leveransort',
      country: 'Leveransland',
      title: 'Produktnamn',
      quantity: 'Antal',
    },
  },
  {
    name: 'Swedish short forms with län',
    source: HAND,
    headers: 'Order-ID;Datum;Namn;Telefon;Adress;Postnr;Ort;Län;Land;Artikelnr;Vara;Antal',
    mapping: {
      orderId: 'Order-ID',
      orderedAt: 'Datum',
      buyerName: 'Namn',
      phone: 'Telefon',
      line1: 'Adress',
      zip: 'Postnr',
      city: 'Ort',
      region: 'Län',
      country: 'Land',
      sku: 'Artikelnr',
      title: 'Vara',
      quantity: 'Antal',
    },
  },
  {
    name: 'Swedish recipient columns',
    source: HAND,
    headers:
      'Ordernr;Skapad;Mottagare;Mottagarens adress;Mottagarens postnummer;Mottagarens ort;Kund e-post;Land;Antal',
    mapping: {
      orderId: 'Ordernr',
      orderedAt: 'Skapad',
      recipientName: 'Mottagare',
      line1: 'Mottagarens adress',
      zip: 'Mottagarens postnummer',
      city: 'Mottagarens ort',
      email: 'Kund e-post',
      country: 'Land',
      quantity: 'Antal',
    },
  },
  {
    name: 'Swedish customer number beside the order number',
    source: HAND,
    headers:
      'Kundnummer;Ordernummer;Datum;Kundnamn;E-postadress;Telefonnummer;Utdelningsadress;Postnummer;Postort;Land',
    mapping: {
      orderId: 'Ordernummer',
      orderedAt: 'Datum',
      buyerName: 'Kundnamn',
      email: 'E-postadress',
      phone: 'Telefonnummer',
      line1: 'Utdelningsadress',
      zip: 'Postnummer',
      city: 'Postort',
      country: 'Land',
    },
  },
  // --- Russian sheets.
  {
    name: 'Russian sheet with эл. почта and delivery address',
    source: HAND,
    headers:
      'Номер заказа;Дата заказа;ФИО покупателя;Эл. почта;Телефон;Адрес доставки;Индекс;Город;Страна;Артикул;Кол-во',
    mapping: {
      orderId: 'Номер заказа',
      orderedAt: 'Дата заказа',
      buyerName: 'ФИО покупателя',
      email: 'Эл. почта',
      phone: 'Телефон',
      line1: 'Адрес доставки',
      zip: 'Индекс',
      city: 'Город',
      country: 'Страна',
      sku: 'Артикул',
      quantity: 'Кол-во',
    },
  },
  {
    name: 'Russian sheet with split name, house and flat',
    source: HAND,
    headers:
      '№ заказа;Дата оформления;Фамилия;Имя;E-mail;Мобильный телефон;Улица;Дом;Квартира;Почтовый индекс;Населённый пункт;Область;Страна;Наименование товара;Количество',
    mapping: {
      orderId: '№ заказа',
      orderedAt: 'Дата оформления',
      buyerLastName: 'Фамилия',
      buyerFirstName: 'Имя',
      email: 'E-mail',
      phone: 'Мобильный телефон',
      line1: 'Улица',
      houseNumber: 'Дом',
      line2: 'Квартира',
      zip: 'Почтовый индекс',
      city: 'Населённый пункт',
      region: 'Область',
      country: 'Страна',
      title: 'Наименование товара',
      quantity: 'Количество',
    },
  },
  {
    name: 'Russian recipient columns',
    source: HAND,
    headers:
      'Заказ;Дата;Покупатель;Электронная почта;Получатель;Телефон получателя;Адрес получателя;Индекс получателя;Город получателя;Страна;Товар;Кол.',
    mapping: {
      orderId: 'Заказ',
      orderedAt: 'Дата',
      buyerName: 'Покупатель',
      email: 'Электронная почта',
      recipientName: 'Получатель',
      phone: 'Телефон получателя',
      line1: 'Адрес получателя',
      zip: 'Индекс получателя',
      city: 'Город получателя',
      country: 'Страна',
      title: 'Товар',
      quantity: 'Кол.',
    },
  },
  {
    name: "Russian payer's and delivery address side by side",
    source: HAND,
    headers:
      'Номер заказа;Дата;Имя и фамилия;Email;Адрес плательщика;Адрес доставки;Индекс доставки;Город доставки;Страна доставки',
    mapping: {
      orderId: 'Номер заказа',
      orderedAt: 'Дата',
      buyerName: 'Имя и фамилия',
      email: 'Email',
      line1: 'Адрес доставки',
      zip: 'Индекс доставки',
      city: 'Город доставки',
      country: 'Страна доставки',
    },
  },
  {
    name: 'Russian codes for order and item',
    source: HAND,
    headers:
      'Код заказа;Дата создания;Клиент;Email клиента;Телефон клиента;Адрес;Индекс;Город;Страна;Код товара;Название товара;Количество',
    mapping: {
      orderId: 'Код заказа',
      orderedAt: 'Дата создания',
      buyerName: 'Клиент',
      email: 'Email клиента',
      phone: 'Телефон клиента',
      line1: 'Адрес',
      zip: 'Индекс',
      city: 'Город',
      country: 'Страна',
      sku: 'Код товара',
      title: 'Название товара',
      quantity: 'Количество',
    },
  },
];

describe('the column guess on real-world header sets', () => {
  it('has at least 40 header sets', () => {
    expect(HEADER_SETS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HEADER_SETS)('$name ($source)', (set) => {
    const { detected } = parseOrderFile(csv(split(set.headers)));
    expect(detected.preset).toBe(set.preset ?? 'generic');
    expect(detected.mapping).toEqual(set.mapping);
    expect([...detected.unsure].sort()).toEqual([...(set.unsure ?? [])].sort());
  });
});

interface ValueCase {
  name: string;
  headers: string[];
  rows: string[][];
  /** Field -> header expected (only these fields are compared). */
  expect: Record<string, string | undefined>;
  unsure?: string[];
}

const ROWS_DE = [
  [
    'A-1',
    '07.03.2026',
    'Lena Fischer',
    'lena@example.de',
    '+49 170 1234567',
    'Bergstraße 4',
    '80331',
    'München',
    'DE',
  ],
  [
    'A-2',
    '08.03.2026',
    'Olof Berg',
    'olof@example.se',
    '070-123 45 67',
    'Storgatan 1',
    '111 22',
    'Stockholm',
    'Sverige',
  ],
  [
    'A-3',
    '09.03.2026',
    'Anna Petrova',
    'anna@example.ru',
    '+7 495 123-45-67',
    'ul. Lenina 5',
    '190000',
    'Moskva',
    'Russia',
  ],
];

const VALUE_CASES: ValueCase[] = [
  {
    name: 'Useless headers: e-mails decide; phone, date, postcode and country are suggested',
    headers: [
      'Column 1',
      'Column 2',
      'Column 3',
      'Column 4',
      'Column 5',
      'Column 6',
      'Column 7',
      'Column 8',
      'Column 9',
    ],
    rows: ROWS_DE,
    expect: {
      email: 'Column 4',
      phone: 'Column 5',
      orderedAt: 'Column 2',
      zip: 'Column 7',
      country: 'Column 9',
    },
    unsure: ['phone', 'orderedAt', 'zip', 'country'],
  },
  {
    name: 'A German "Spalte 7" holding e-mails is the e-mail',
    headers: ['Bestellnummer', 'Datum', 'Name', 'Straße', 'PLZ', 'Ort', 'Spalte 7'],
    rows: [
      ['B-1', '07.03.2026', 'Lena', 'Weg 1', '80331', 'München', 'lena@example.de'],
      ['B-2', '08.03.2026', 'Jonas', 'Weg 2', '10115', 'Berlin', 'jonas@example.de'],
    ],
    expect: { email: 'Spalte 7', orderId: 'Bestellnummer' },
  },
  {
    name: 'A "Kontakt" column of e-mail addresses is the e-mail',
    headers: ['Order ID', 'Date', 'Name', 'Kontakt', 'Street', 'Zip', 'City', 'Country'],
    rows: [
      ['1', '2026-03-07', 'Ann', 'ann@example.com', '1 A St', '11111', 'Town', 'US'],
      ['2', '2026-03-08', 'Ben', 'ben@example.com', '2 B St', '22222', 'Town', 'US'],
    ],
    expect: { email: 'Kontakt', buyerName: 'Name' },
  },
  {
    name: 'An "E-Mail" header over yes/no values is overruled',
    headers: ['Bestellnummer', 'Datum', 'Name', 'E-Mail', 'Straße', 'PLZ', 'Ort', 'Land'],
    rows: [
      ['B-1', '07.03.2026', 'Lena', 'ja', 'Weg 1', '80331', 'München', 'DE'],
      ['B-2', '08.03.2026', 'Jonas', 'nein', 'Weg 2', '10115', 'Berlin', 'DE'],
      ['B-3', '09.03.2026', 'Mia', 'ja', 'Weg 3', '20095', 'Hamburg', 'DE'],
    ],
    expect: { email: undefined, city: 'Ort' },
  },
  {
    name: 'A "Telefon" header over e-mail values: the values win',
    headers: ['Order ID', 'Date', 'Name', 'Telefon', 'Street', 'Zip', 'City', 'Country'],
    rows: [
      ['1', '2026-03-07', 'Ann', 'ann@example.com', '1 A St', '11111', 'Town', 'US'],
      ['2', '2026-03-08', 'Ben', 'ben@example.com', '2 B St', '22222', 'Town', 'US'],
      ['3', '2026-03-09', 'Cid', 'cid@example.com', '3 C St', '33333', 'Town', 'US'],
    ],
    expect: { email: 'Telefon', phone: undefined },
  },
  {
    name: 'A "Date" header over words is overruled; a plain column of dates is suggested instead',
    headers: ['Order ID', 'Date', 'Field 3', 'Name', 'Street', 'Zip', 'City', 'Country'],
    rows: [
      ['1', 'Monday', '2026-03-07', 'Ann', '1 A St', '11111', 'Town', 'US'],
      ['2', 'Tuesday', '2026-03-08', 'Ben', '2 B St', '22222', 'Town', 'US'],
      ['3', 'Friday', '2026-03-09', 'Cid', '3 C St', '33333', 'Town', 'US'],
    ],
    expect: { orderedAt: 'Field 3' },
    unsure: ['orderedAt'],
  },
  {
    name: 'Postcodes that fit the row country are suggested; four digits in Germany are not',
    headers: ['Order ID', 'Date', 'Name', 'Street', 'Feld A', 'Feld B', 'City', 'Country'],
    rows: [
      ['1', '2026-03-07', 'Ann', 'Weg 1', '80331', '1234', 'München', 'DE'],
      ['2', '2026-03-08', 'Ben', 'Weg 2', '10115', '2345', 'Berlin', 'DE'],
      ['3', '2026-03-09', 'Cid', 'Gatan 3', '111 22', '3456', 'Stockholm', 'SE'],
    ],
    expect: { zip: 'Feld A' },
    unsure: ['zip'],
  },
  {
    name: 'An empty "Straße" column loses to a filled "Adresse 1"',
    headers: ['Bestell-ID', 'Datum', 'Name', 'Adresse 1', 'Straße', 'PLZ', 'Ort', 'Land'],
    rows: [
      ['B-1', '07.03.2026', 'Lena', 'Bergstraße 4', '', '80331', 'München', 'DE'],
      ['B-2', '08.03.2026', 'Jonas', 'Ring 2', '', '10115', 'Berlin', 'DE'],
    ],
    expect: { line1: 'Adresse 1' },
  },
  {
    name: "A seller's e-mail column stays the seller's, whatever its values",
    headers: ['Order ID', 'Date', 'Name', 'Seller Email', 'Street', 'Zip', 'City', 'Country'],
    rows: [
      ['1', '2026-03-07', 'Ann', 'shop@example.com', '1 A St', '11111', 'Town', 'US'],
      ['2', '2026-03-08', 'Ben', 'shop@example.com', '2 B St', '22222', 'Town', 'US'],
    ],
    expect: { email: undefined },
  },
  {
    name: 'Dates under a money or status header suggest nothing',
    headers: ['Order ID', 'Name', 'Paid at', 'Street', 'Zip', 'City', 'Country'],
    rows: [
      ['1', 'Ann', '2026-03-07', '1 A St', '11111', 'Town', 'US'],
      ['2', 'Ben', '2026-03-08', '2 B St', '22222', 'Town', 'US'],
    ],
    expect: { orderedAt: undefined },
  },
];

describe('values confirm or overrule the headers', () => {
  it.each(VALUE_CASES)('$name', (c) => {
    const { detected } = parseOrderFile(csv(c.headers, c.rows));
    const picked = Object.fromEntries(Object.keys(c.expect).map((f) => [f, detected.mapping[f]]));
    expect(picked).toEqual(c.expect);
    expect([...detected.unsure].sort()).toEqual([...(c.unsure ?? [])].sort());
  });
});

describe('first and last name join into the buyer', () => {
  it('imports the German shop export with every field found and the name joined', () => {
    const headers = split(
      'Bestellnummer;Bestelldatum;Vorname;Nachname;Kunde E-Mail;Lieferadresse Straße;Lieferadresse PLZ;Lieferadresse Ort;Lieferadresse Land;Artikelnummer;Artikelname;Menge',
    );
    const preview = parseOrderFile(
      csv(headers, [
        [
          'B-1',
          '07.03.2026',
          'Lena',
          'Fischer',
          'lena@example.de',
          'Bergstraße 4',
          '80331',
          'München',
          'DE',
          'S-1',
          'Seife',
          '2',
        ],
      ]),
    );
    expect(preview.errors).toEqual([]);
    expect(preview.detected.missing).toEqual(['phone']);
    expect(preview.orders[0]?.buyer).toEqual({ name: 'Lena Fischer', email: 'lena@example.de' });
    expect(preview.orders[0]?.address).toEqual({
      line1: 'Bergstraße 4',
      zip: '80331',
      city: 'München',
      country: 'DE',
    });
  });
});

describe('what is missing', () => {
  it.each([
    {
      headers: 'Order ID,Date,Name,Street,Zip,City,Country',
      missing: ['email', 'phone', 'sku'],
      country: undefined,
    },
    {
      headers: 'Order ID,Date,Name,Email,Phone,Street,Zip,City,Country,SKU',
      missing: [],
      country: undefined,
    },
    { headers: 'Order ID,Date,Name,Email,Phone,Street,Zip,City,SKU', missing: ['country'], country: 'DE' },
    // Without a default the country is a required column, reported as an error instead.
    { headers: 'Order ID,Date,Name,Email,Phone,Street,Zip,City,SKU', missing: [], country: undefined },
  ])('$headers (default country $country) misses $missing', ({ headers, missing, country }) => {
    const { detected } = parseOrderFile(csv(split(headers)), country ? { defaultCountry: country } : {});
    expect(detected.missing).toEqual(missing);
  });

  it('offers an unused column whose values look like the missing field', () => {
    const headers = split('Order ID,Date,Name,Street,Zip,City,Country,Seller Email,Notes,Reach');
    const rows = [
      [
        'A-1',
        '2026-03-07',
        'Ann',
        '1 A St',
        '11111',
        'Town',
        'US',
        'shop@example.com',
        'ann@example.com',
        '+1 617 555 0100',
      ],
      [
        'A-2',
        '2026-03-08',
        'Ben',
        '2 B St',
        '22222',
        'Town',
        'US',
        'shop@example.com',
        'call first',
        'ben@example.com',
      ],
      [
        'A-3',
        '2026-03-09',
        'Cid',
        '3 C St',
        '33333',
        'Town',
        'US',
        'shop@example.com',
        'cid@example.com',
        '+1 617 555 0102',
      ],
    ];
    const { detected } = parseOrderFile(csv(headers, rows));
    expect(detected.missing).toEqual(['email', 'phone', 'sku']);
    // Two of three notes are e-mail addresses: offered. The seller's own address never is.
    expect(detected.suggested).toEqual({ email: 'Notes', phone: 'Reach' });
  });

  it("imports a list without a country column in the shop's country, and says so", () => {
    const headers = split('Order ID,Date,Name,Email,Phone,Street,Zip,City,SKU');
    const rows = [
      ['A-1', '2026-03-07', 'Ann', 'ann@example.com', '0171 1234567', 'Weg 1', '80331', 'München', 'S'],
    ];
    const preview = parseOrderFile(csv(headers, rows), { countryWhenNoColumn: 'DE' });
    expect(preview.errors).toEqual([]);
    expect(preview.detected.missing).toEqual(['country']);
    expect(preview.orders[0]?.address.country).toBe('DE');
  });

  it("leaves a blank cell of a country column an error even with the shop's country known", () => {
    const headers = split('Order ID,Date,Name,Street,Zip,City,Country');
    const rows = [['A-1', '2026-03-07', 'Ann', 'Weg 1', '80331', 'München', '']];
    const preview = parseOrderFile(csv(headers, rows), { countryWhenNoColumn: 'DE' });
    expect(preview.errors.map((e) => [e.code, e.field])).toEqual([['missing_value', 'country']]);
    expect(preview.detected.missing).toEqual(['email', 'phone', 'sku']);
  });
});

describe('header words', () => {
  it.each([
    ['Lieferadresse PLZ', ['lieferadresse', 'plz']],
    ['billingFirstName', ['billing', 'first', 'name']],
    ['OrderID', ['order', 'id']],
    ['Address1', ['address', '1']],
    ['Kundens e-post', ['kundens', 'epost']],
    ['E-Mail-Adresse', ['email', 'adresse']],
    ['Эл. почта', ['эл', 'почта']],
    ['Order #', ['order', 'nr']],
    ['Straße', ['strasse']],
  ])('%s splits into %j', (header, words) => {
    expect(splitHeader(header)).toEqual(words);
  });

  it.each([
    ['Kundennummer', ['buyer', 'number']],
    ['Rechnungsadresse', ['bill', 'address']],
    ['Leveransadress', ['ship', 'address']],
    ['Hausnummer', ['house', 'number']],
    ['Beställningsnummer', ['order', 'number']],
    ['Versandart', ['noise']],
  ])('%s means %j', (header, concepts) => {
    expect([...headerMeaning(header).concepts].sort()).toEqual([...concepts].sort());
  });
});

it('reads the fixtures of the generic sheets as before', () => {
  const mapping = (name: string) =>
    parseOrderFile(new Uint8Array(readFileSync(new URL(name, FIXTURES)))).detected.mapping;
  expect(mapping('generic-sv.csv')).toMatchObject({ email: 'E-post', phone: 'Telefon', title: 'Artikel' });
  expect(mapping('generic-ru.csv')).toMatchObject({ buyerName: 'ФИО', title: 'Наименование' });
});
