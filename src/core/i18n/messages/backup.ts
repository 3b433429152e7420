/** Backup and restore, storage warnings (quota, schema upgrade in another tab, eviction). */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'backup.title': 'Backup',
  'backup.help':
    'One file with all orders, parcels, history, settings, message templates, your own carriers and the changes not yet synced. Keep it somewhere other than this device.',
  'backup.create': 'Back up everything',
  'backup.creating': 'Writing the backup…',
  'backup.last': 'Last backup: {time}',
  'backup.never': 'No backup made on this device yet.',
  'backup.failed': 'The backup could not be written: {message}',
  'backup.restore': 'Restore from a backup',
  'backup.reading': 'Reading the file…',
  'backup.preview.title': 'In this backup',
  'backup.preview.shop': 'Shop: {shop}',
  'backup.preview.noShop': 'Shop: (no name)',
  'backup.preview.date': 'Made on {time}',
  'backup.preview.orders': { one: '{count} order', other: '{count} orders' },
  'backup.preview.parcels': { one: '{count} parcel', other: '{count} parcels' },
  'backup.preview.events': { one: '{count} history entry', other: '{count} history entries' },
  'backup.preview.outbox': { one: '{count} change not yet synced', other: '{count} changes not yet synced' },
  'backup.preview.replaces':
    'Restoring replaces everything on this device: its orders, parcels, history, settings and unsynced changes.',
  'backup.preview.otherShop':
    'This backup is of another shop ({backupShop}) than the one on this device ({deviceShop}). Nothing is mixed: the data on this device is replaced whole.',
  'backup.preview.pairedElsewhere':
    'This device syncs with another shop’s account, which would then receive this backup’s changes. Restore it in a browser that is not connected to a shop account.',
  'backup.confirm': 'Restore this backup',
  'backup.confirmReplace': 'Replace the data on this device',
  'backup.cancel': 'Cancel',
  'backup.restoring': 'Restoring…',
  'backup.restored': { one: 'Restored: {count} order.', other: 'Restored: {count} orders.' },
  'backup.problem.not_json': 'This file is not a Trackpack backup (it is not JSON).',
  'backup.problem.not_backup': 'This file is not a Trackpack backup.',
  'backup.problem.newer_version':
    'This backup was made by a newer version of Trackpack (format {version}). Reload Trackpack to update it, then try again.',
  'backup.problem.invalid': 'This backup is damaged and was not restored: {detail}',
  'backup.problem.unreadable': 'This file could not be read.',
  'backup.restoreFailed': 'The backup was not restored; this device is unchanged. ({message})',
  'backup.reminder': 'No backup for over 7 days, and no sync keeps a copy.',
  'backup.reminderAction': 'Back up now',
  'status.unsyncedOld': 'Some changes have not reached the server for more than 24 hours.',
  'storage.versionchange':
    'Trackpack was updated in another tab: reload this tab to continue. What you typed stays on screen until you reload.',
  'storage.reload': 'Reload',
  'storage.blocked':
    'Trackpack is open in another tab with an older version. Close that tab (or reload it) so that this one can finish updating.',
  'storage.quota':
    'The storage on this device is full: your last change was not saved. Nothing was half-saved, and changes waiting for sync are intact. Free some space, then try again.',
  'storage.dismiss': 'Dismiss',
  'storage.eviction':
    'This browser may delete Trackpack’s data after 7 days without a visit. Add Trackpack to your home screen, sync with a shop account, or back up regularly.',
  'storage.evictionDismiss': 'Got it',
} as const;

export const backupMessages = {
  en,
  de: {
    'backup.title': 'Sicherung',
    'backup.help':
      'Eine Datei mit allen Bestellungen, Paketen, dem Verlauf, den Einstellungen, Nachrichtenvorlagen, eigenen Versanddiensten und den noch nicht synchronisierten Änderungen. Bewahren Sie sie nicht nur auf diesem Gerät auf.',
    'backup.create': 'Alles sichern',
    'backup.creating': 'Sicherung wird geschrieben …',
    'backup.last': 'Letzte Sicherung: {time}',
    'backup.never': 'Auf diesem Gerät wurde noch keine Sicherung erstellt.',
    'backup.failed': 'Die Sicherung konnte nicht geschrieben werden: {message}',
    'backup.restore': 'Aus einer Sicherung wiederherstellen',
    'backup.reading': 'Datei wird gelesen …',
    'backup.preview.title': 'In dieser Sicherung',
    'backup.preview.shop': 'Shop: {shop}',
    'backup.preview.noShop': 'Shop: (ohne Namen)',
    'backup.preview.date': 'Erstellt am {time}',
    'backup.preview.orders': { one: '{count} Bestellung', other: '{count} Bestellungen' },
    'backup.preview.parcels': { one: '{count} Paket', other: '{count} Pakete' },
    'backup.preview.events': { one: '{count} Verlaufseintrag', other: '{count} Verlaufseinträge' },
    'backup.preview.outbox': {
      one: '{count} noch nicht synchronisierte Änderung',
      other: '{count} noch nicht synchronisierte Änderungen',
    },
    'backup.preview.replaces':
      'Die Wiederherstellung ersetzt alles auf diesem Gerät: Bestellungen, Pakete, Verlauf, Einstellungen und nicht synchronisierte Änderungen.',
    'backup.preview.otherShop':
      'Diese Sicherung gehört zu einem anderen Shop ({backupShop}) als dem auf diesem Gerät ({deviceShop}). Es wird nichts vermischt: Die Daten auf diesem Gerät werden vollständig ersetzt.',
    'backup.preview.pairedElsewhere':
      'Dieses Gerät synchronisiert mit dem Konto eines anderen Shops, das dann die Änderungen dieser Sicherung erhielte. Stellen Sie sie in einem Browser wieder her, der mit keinem Shop-Konto verbunden ist.',
    'backup.confirm': 'Diese Sicherung wiederherstellen',
    'backup.confirmReplace': 'Daten auf diesem Gerät ersetzen',
    'backup.cancel': 'Abbrechen',
    'backup.restoring': 'Wird wiederhergestellt …',
    'backup.restored': {
      one: 'Wiederhergestellt: {count} Bestellung.',
      other: 'Wiederhergestellt: {count} Bestellungen.',
    },
    'backup.problem.not_json': 'Diese Datei ist keine Trackpack-Sicherung (kein JSON).',
    'backup.problem.not_backup': 'Diese Datei ist keine Trackpack-Sicherung.',
    'backup.problem.newer_version':
      'Diese Sicherung stammt aus einer neueren Trackpack-Version (Format {version}). Laden Sie Trackpack neu, um es zu aktualisieren, und versuchen Sie es dann erneut.',
    'backup.problem.invalid': 'Diese Sicherung ist beschädigt und wurde nicht wiederhergestellt: {detail}',
    'backup.problem.unreadable': 'Diese Datei konnte nicht gelesen werden.',
    'backup.restoreFailed':
      'Die Sicherung wurde nicht wiederhergestellt; dieses Gerät ist unverändert. ({message})',
    'backup.reminder': 'Seit über 7 Tagen keine Sicherung, und keine Synchronisierung hält eine Kopie.',
    'backup.reminderAction': 'Jetzt sichern',
    'status.unsyncedOld': 'Einige Änderungen haben den Server seit über 24 Stunden nicht erreicht.',
    'storage.versionchange':
      'Trackpack wurde in einem anderen Tab aktualisiert: Laden Sie diesen Tab neu, um weiterzuarbeiten. Ihre Eingaben bleiben bis zum Neuladen sichtbar.',
    'storage.reload': 'Neu laden',
    'storage.blocked':
      'Trackpack ist in einem anderen Tab mit einer älteren Version geöffnet. Schließen Sie diesen Tab (oder laden Sie ihn neu), damit dieser hier die Aktualisierung abschließen kann.',
    'storage.quota':
      'Der Speicher auf diesem Gerät ist voll: Ihre letzte Änderung wurde nicht gespeichert. Nichts wurde halb gespeichert, und die Änderungen für die Synchronisierung sind vollständig. Geben Sie Speicher frei und versuchen Sie es erneut.',
    'storage.dismiss': 'Schließen',
    'storage.eviction':
      'Dieser Browser kann die Daten von Trackpack nach 7 Tagen ohne Besuch löschen. Legen Sie Trackpack auf den Home-Bildschirm, synchronisieren Sie mit einem Shop-Konto oder sichern Sie regelmäßig.',
    'storage.evictionDismiss': 'Verstanden',
  },
  sv: {
    'backup.title': 'Säkerhetskopia',
    'backup.help':
      'En fil med alla beställningar, paket, historik, inställningar, meddelandemallar, egna fraktbolag och ändringar som inte synkats än. Spara den någon annanstans än på den här enheten.',
    'backup.create': 'Säkerhetskopiera allt',
    'backup.creating': 'Skriver säkerhetskopian …',
    'backup.last': 'Senaste säkerhetskopia: {time}',
    'backup.never': 'Ingen säkerhetskopia har gjorts på den här enheten än.',
    'backup.failed': 'Säkerhetskopian kunde inte skrivas: {message}',
    'backup.restore': 'Återställ från en säkerhetskopia',
    'backup.reading': 'Läser filen …',
    'backup.preview.title': 'I den här säkerhetskopian',
    'backup.preview.shop': 'Butik: {shop}',
    'backup.preview.noShop': 'Butik: (inget namn)',
    'backup.preview.date': 'Gjord {time}',
    'backup.preview.orders': { one: '{count} beställning', other: '{count} beställningar' },
    'backup.preview.parcels': { one: '{count} paket', other: '{count} paket' },
    'backup.preview.events': { one: '{count} historikpost', other: '{count} historikposter' },
    'backup.preview.outbox': {
      one: '{count} ändring som inte synkats',
      other: '{count} ändringar som inte synkats',
    },
    'backup.preview.replaces':
      'Återställningen ersätter allt på den här enheten: beställningar, paket, historik, inställningar och osynkade ändringar.',
    'backup.preview.otherShop':
      'Den här säkerhetskopian är från en annan butik ({backupShop}) än den på den här enheten ({deviceShop}). Inget blandas: data på enheten ersätts helt.',
    'backup.preview.pairedElsewhere':
      'Den här enheten synkar med en annan butiks konto, som då skulle få säkerhetskopians ändringar. Återställ den i en webbläsare som inte är ansluten till något butikskonto.',
    'backup.confirm': 'Återställ den här säkerhetskopian',
    'backup.confirmReplace': 'Ersätt data på den här enheten',
    'backup.cancel': 'Avbryt',
    'backup.restoring': 'Återställer …',
    'backup.restored': {
      one: 'Återställd: {count} beställning.',
      other: 'Återställd: {count} beställningar.',
    },
    'backup.problem.not_json': 'Filen är inte en säkerhetskopia från Trackpack (den är inte JSON).',
    'backup.problem.not_backup': 'Filen är inte en säkerhetskopia från Trackpack.',
    'backup.problem.newer_version':
      'Säkerhetskopian gjordes av en nyare version av Trackpack (format {version}). Ladda om Trackpack för att uppdatera och försök igen.',
    'backup.problem.invalid': 'Säkerhetskopian är skadad och återställdes inte: {detail}',
    'backup.problem.unreadable': 'Filen kunde inte läsas.',
    'backup.restoreFailed': 'Säkerhetskopian återställdes inte; enheten är oförändrad. ({message})',
    'backup.reminder': 'Ingen säkerhetskopia på över 7 dagar, och ingen synkning har en kopia.',
    'backup.reminderAction': 'Säkerhetskopiera nu',
    'status.unsyncedOld': 'Vissa ändringar har inte nått servern på över 24 timmar.',
    'storage.versionchange':
      'Trackpack uppdaterades i en annan flik: ladda om den här fliken för att fortsätta. Det du skrivit syns kvar tills du laddar om.',
    'storage.reload': 'Ladda om',
    'storage.blocked':
      'Trackpack är öppet i en annan flik med en äldre version. Stäng den fliken (eller ladda om den) så att den här kan slutföra uppdateringen.',
    'storage.quota':
      'Lagringen på den här enheten är full: din senaste ändring sparades inte. Inget sparades till hälften, och ändringarna som väntar på synkning är intakta. Frigör utrymme och försök igen.',
    'storage.dismiss': 'Stäng',
    'storage.eviction':
      'Den här webbläsaren kan radera Trackpacks data efter 7 dagar utan besök. Lägg Trackpack på hemskärmen, synka med ett butikskonto eller säkerhetskopiera regelbundet.',
    'storage.evictionDismiss': 'Uppfattat',
  },
  ru: {
    'backup.title': 'Резервная копия',
    'backup.help':
      'Один файл со всеми заказами, посылками, историей, настройками, шаблонами сообщений, вашими службами доставки и ещё не синхронизированными изменениями. Храните его не только на этом устройстве.',
    'backup.create': 'Сохранить всё',
    'backup.creating': 'Записываем резервную копию…',
    'backup.last': 'Последняя копия: {time}',
    'backup.never': 'На этом устройстве ещё не делали резервную копию.',
    'backup.failed': 'Не удалось записать резервную копию: {message}',
    'backup.restore': 'Восстановить из резервной копии',
    'backup.reading': 'Читаем файл…',
    'backup.preview.title': 'В этой копии',
    'backup.preview.shop': 'Магазин: {shop}',
    'backup.preview.noShop': 'Магазин: (без названия)',
    'backup.preview.date': 'Создана {time}',
    'backup.preview.orders': {
      one: '{count} заказ',
      few: '{count} заказа',
      many: '{count} заказов',
      other: '{count} заказа',
    },
    'backup.preview.parcels': {
      one: '{count} посылка',
      few: '{count} посылки',
      many: '{count} посылок',
      other: '{count} посылки',
    },
    'backup.preview.events': {
      one: '{count} запись истории',
      few: '{count} записи истории',
      many: '{count} записей истории',
      other: '{count} записи истории',
    },
    'backup.preview.outbox': {
      one: '{count} несинхронизированное изменение',
      few: '{count} несинхронизированных изменения',
      many: '{count} несинхронизированных изменений',
      other: '{count} несинхронизированного изменения',
    },
    'backup.preview.replaces':
      'Восстановление заменит всё на этом устройстве: заказы, посылки, историю, настройки и несинхронизированные изменения.',
    'backup.preview.otherShop':
      'Эта копия другого магазина ({backupShop}), не того, что на этом устройстве ({deviceShop}). Ничего не смешивается: данные на устройстве будут заменены полностью.',
    'backup.preview.pairedElsewhere':
      'Это устройство синхронизируется с аккаунтом другого магазина, который тогда получил бы изменения из этой копии. Восстановите её в браузере, не подключённом к аккаунту магазина.',
    'backup.confirm': 'Восстановить эту копию',
    'backup.confirmReplace': 'Заменить данные на этом устройстве',
    'backup.cancel': 'Отмена',
    'backup.restoring': 'Восстанавливаем…',
    'backup.restored': {
      one: 'Восстановлено: {count} заказ.',
      few: 'Восстановлено: {count} заказа.',
      many: 'Восстановлено: {count} заказов.',
      other: 'Восстановлено: {count} заказа.',
    },
    'backup.problem.not_json': 'Этот файл — не резервная копия Trackpack (это не JSON).',
    'backup.problem.not_backup': 'Этот файл — не резервная копия Trackpack.',
    'backup.problem.newer_version':
      'Эта копия сделана более новой версией Trackpack (формат {version}). Перезагрузите Trackpack, чтобы обновить его, и попробуйте снова.',
    'backup.problem.invalid': 'Копия повреждена и не была восстановлена: {detail}',
    'backup.problem.unreadable': 'Не удалось прочитать файл.',
    'backup.restoreFailed': 'Копия не восстановлена; на устройстве ничего не изменилось. ({message})',
    'backup.reminder': 'Больше 7 дней без резервной копии, и синхронизация не хранит копию.',
    'backup.reminderAction': 'Сделать копию',
    'status.unsyncedOld': 'Некоторые изменения не доходят до сервера больше 24 часов.',
    'storage.versionchange':
      'Trackpack обновился в другой вкладке: перезагрузите эту вкладку, чтобы продолжить. Введённое вами останется на экране до перезагрузки.',
    'storage.reload': 'Перезагрузить',
    'storage.blocked':
      'Trackpack открыт в другой вкладке со старой версией. Закройте ту вкладку (или перезагрузите её), чтобы эта могла завершить обновление.',
    'storage.quota':
      'Память на этом устройстве заполнена: последнее изменение не сохранено. Ничего не сохранилось наполовину, изменения для синхронизации целы. Освободите место и попробуйте снова.',
    'storage.dismiss': 'Закрыть',
    'storage.eviction':
      'Этот браузер может удалить данные Trackpack, если сайт не открывали 7 дней. Добавьте Trackpack на главный экран, синхронизируйте с аккаунтом магазина или регулярно делайте резервные копии.',
    'storage.evictionDismiss': 'Понятно',
  },
} satisfies Catalogs<typeof en>;
