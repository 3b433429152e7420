/** Import: why a row or file could not be imported, and the target field labels of the mapping editor. */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'import.error.broken_quoting':
    'Row {row}: the quotation marks in this row do not match, so its cells cannot be read reliably.',
  'import.error.excel_scientific':
    'Row {row}, {column}: Excel changed this number ({value}); export the column as text.',
  'import.error.missing_order_id': 'Row {row}: the order number ({column}) is empty.',
  'import.error.invalid_date': 'Row {row}, {column}: "{value}" is not a date.',
  'import.error.invalid_quantity':
    'Row {row}, {column}: "{value}" is not a whole number of items above zero.',
  'import.error.missing_value': 'Row {row}: {column} is empty, but an order cannot be shipped without it.',
  'import.error.conflicting_rows':
    'Row {row}, {column}: "{value}" differs from an earlier row of the same order. The order was left out so that nothing is sent to the wrong address.',
  'import.error.extra_cells':
    'Row {row} has more cells than the header row; a value probably contains the separator without quotation marks.',
  'import.error.missing_column': 'No column is chosen for {column}. Choose one to import this file.',
  'import.error.unknown_column': 'The chosen column "{value}" is not in this file.',
  'import.error.empty_file': 'The file has no header row and no data.',
  'import.field.orderId': 'Order number',
  'import.field.orderedAt': 'Order date',
  'import.field.buyerName': 'Buyer name',
  'import.field.buyerFirstName': 'Buyer first name',
  'import.field.buyerLastName': 'Buyer last name',
  'import.field.email': 'E-mail',
  'import.field.phone': 'Phone',
  'import.field.recipientName': 'Recipient name',
  'import.field.recipientFirstName': 'Recipient first name',
  'import.field.recipientLastName': 'Recipient last name',
  'import.field.line1': 'Street and house number',
  'import.field.houseNumber': 'House number',
  'import.field.line2': 'Address line 2',
  'import.field.line3': 'Address line 3',
  'import.field.zip': 'Postcode',
  'import.field.city': 'City',
  'import.field.region': 'State or region',
  'import.field.country': 'Country',
  'import.field.sku': 'SKU',
  'import.field.title': 'Item name',
  'import.field.quantity': 'Quantity',
} as const;

export const importErrorMessages = {
  en,
  de: {
    'import.error.broken_quoting':
      'Zeile {row}: Die Anführungszeichen in dieser Zeile passen nicht zusammen, die Zellen lassen sich nicht sicher lesen.',
    'import.error.excel_scientific':
      'Zeile {row}, {column}: Excel hat diese Zahl verändert ({value}); exportieren Sie die Spalte als Text.',
    'import.error.missing_order_id': 'Zeile {row}: Die Bestellnummer ({column}) ist leer.',
    'import.error.invalid_date': 'Zeile {row}, {column}: „{value}“ ist kein Datum.',
    'import.error.invalid_quantity':
      'Zeile {row}, {column}: „{value}“ ist keine ganze Stückzahl größer als null.',
    'import.error.missing_value':
      'Zeile {row}: {column} ist leer, ohne diese Angabe lässt sich die Bestellung nicht versenden.',
    'import.error.conflicting_rows':
      'Zeile {row}, {column}: „{value}“ weicht von einer früheren Zeile derselben Bestellung ab. Die Bestellung wurde ausgelassen, damit nichts an die falsche Adresse geht.',
    'import.error.extra_cells':
      'Zeile {row} hat mehr Zellen als die Kopfzeile; vermutlich enthält ein Wert das Trennzeichen ohne Anführungszeichen.',
    'import.error.missing_column':
      'Für {column} ist keine Spalte gewählt. Wählen Sie eine, um diese Datei zu importieren.',
    'import.error.unknown_column': 'Die gewählte Spalte „{value}“ gibt es in dieser Datei nicht.',
    'import.error.empty_file': 'Die Datei hat keine Kopfzeile und keine Daten.',
    'import.field.orderId': 'Bestellnummer',
    'import.field.orderedAt': 'Bestelldatum',
    'import.field.buyerName': 'Name des Käufers',
    'import.field.buyerFirstName': 'Vorname des Käufers',
    'import.field.buyerLastName': 'Nachname des Käufers',
    'import.field.email': 'E-Mail',
    'import.field.phone': 'Telefon',
    'import.field.recipientName': 'Name des Empfängers',
    'import.field.recipientFirstName': 'Vorname des Empfängers',
    'import.field.recipientLastName': 'Nachname des Empfängers',
    'import.field.line1': 'Straße und Hausnummer',
    'import.field.houseNumber': 'Hausnummer',
    'import.field.line2': 'Adresszusatz',
    'import.field.line3': 'Adresszeile 3',
    'import.field.zip': 'PLZ',
    'import.field.city': 'Ort',
    'import.field.region': 'Bundesland oder Region',
    'import.field.country': 'Land',
    'import.field.sku': 'Artikelnummer (SKU)',
    'import.field.title': 'Artikelbezeichnung',
    'import.field.quantity': 'Menge',
  },
  sv: {
    'import.error.broken_quoting':
      'Rad {row}: citattecknen på den här raden går inte ihop, så cellerna kan inte läsas säkert.',
    'import.error.excel_scientific':
      'Rad {row}, {column}: Excel har ändrat det här talet ({value}); exportera kolumnen som text.',
    'import.error.missing_order_id': 'Rad {row}: ordernumret ({column}) är tomt.',
    'import.error.invalid_date': 'Rad {row}, {column}: ”{value}” är inget datum.',
    'import.error.invalid_quantity': 'Rad {row}, {column}: ”{value}” är inget heltal större än noll.',
    'import.error.missing_value': 'Rad {row}: {column} är tomt, och utan det kan ordern inte skickas.',
    'import.error.conflicting_rows':
      'Rad {row}, {column}: ”{value}” skiljer sig från en tidigare rad i samma order. Ordern hoppades över så att inget skickas till fel adress.',
    'import.error.extra_cells':
      'Rad {row} har fler celler än rubrikraden; troligen innehåller ett värde avgränsaren utan citattecken.',
    'import.error.missing_column': 'Ingen kolumn är vald för {column}. Välj en för att importera filen.',
    'import.error.unknown_column': 'Den valda kolumnen ”{value}” finns inte i den här filen.',
    'import.error.empty_file': 'Filen har ingen rubrikrad och inga data.',
    'import.field.orderId': 'Ordernummer',
    'import.field.orderedAt': 'Orderdatum',
    'import.field.buyerName': 'Köparens namn',
    'import.field.buyerFirstName': 'Köparens förnamn',
    'import.field.buyerLastName': 'Köparens efternamn',
    'import.field.email': 'E-post',
    'import.field.phone': 'Telefon',
    'import.field.recipientName': 'Mottagarens namn',
    'import.field.recipientFirstName': 'Mottagarens förnamn',
    'import.field.recipientLastName': 'Mottagarens efternamn',
    'import.field.line1': 'Gatuadress',
    'import.field.houseNumber': 'Husnummer',
    'import.field.line2': 'Adressrad 2',
    'import.field.line3': 'Adressrad 3',
    'import.field.zip': 'Postnummer',
    'import.field.city': 'Ort',
    'import.field.region': 'Län eller region',
    'import.field.country': 'Land',
    'import.field.sku': 'Artikelnummer (SKU)',
    'import.field.title': 'Artikelnamn',
    'import.field.quantity': 'Antal',
  },
  ru: {
    'import.error.broken_quoting':
      'Строка {row}: кавычки в этой строке не парные, поэтому её ячейки нельзя надёжно прочитать.',
    'import.error.excel_scientific':
      'Строка {row}, {column}: Excel изменил это число ({value}); экспортируйте столбец как текст.',
    'import.error.missing_order_id': 'Строка {row}: номер заказа ({column}) не заполнен.',
    'import.error.invalid_date': 'Строка {row}, {column}: «{value}» — это не дата.',
    'import.error.invalid_quantity': 'Строка {row}, {column}: «{value}» — не целое количество больше нуля.',
    'import.error.missing_value': 'Строка {row}: поле {column} пустое, а без него заказ не отправить.',
    'import.error.conflicting_rows':
      'Строка {row}, {column}: «{value}» отличается от более ранней строки того же заказа. Заказ пропущен, чтобы ничего не ушло по неверному адресу.',
    'import.error.extra_cells':
      'В строке {row} больше ячеек, чем в заголовке; вероятно, значение содержит разделитель без кавычек.',
    'import.error.missing_column':
      'Для поля «{column}» не выбран столбец. Выберите его, чтобы импортировать файл.',
    'import.error.unknown_column': 'Выбранного столбца «{value}» в этом файле нет.',
    'import.error.empty_file': 'В файле нет ни строки заголовков, ни данных.',
    'import.field.orderId': 'Номер заказа',
    'import.field.orderedAt': 'Дата заказа',
    'import.field.buyerName': 'Имя покупателя',
    'import.field.buyerFirstName': 'Имя покупателя (имя)',
    'import.field.buyerLastName': 'Фамилия покупателя',
    'import.field.email': 'Эл. почта',
    'import.field.phone': 'Телефон',
    'import.field.recipientName': 'Имя получателя',
    'import.field.recipientFirstName': 'Имя получателя (имя)',
    'import.field.recipientLastName': 'Фамилия получателя',
    'import.field.line1': 'Улица и дом',
    'import.field.houseNumber': 'Номер дома',
    'import.field.line2': 'Адрес, строка 2',
    'import.field.line3': 'Адрес, строка 3',
    'import.field.zip': 'Индекс',
    'import.field.city': 'Город',
    'import.field.region': 'Область или регион',
    'import.field.country': 'Страна',
    'import.field.sku': 'Артикул (SKU)',
    'import.field.title': 'Название товара',
    'import.field.quantity': 'Количество',
  },
} satisfies Catalogs<typeof en>;
