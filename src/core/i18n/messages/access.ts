/** Who may create a shop and the way back in: setup code, recovery code, revoking, security log. */
import type { Catalogs } from '../catalog-types.ts';

const en = {
  'access.setupCode': 'Setup code',
  'access.setupCode.help':
    'The first shop on a new server needs the one-time setup code the server printed when it started. Its setup link fills it in.',
  'access.recover.title': 'Lost every device? Use the recovery code',
  'access.recover.code': 'Recovery code',
  'access.recover.submit': 'Recover the shop',
  'access.recoveryCode.title': 'Your recovery code',
  'access.recoveryCode.help':
    'Write this code down and keep it apart from your devices. If every device is lost or revoked, it brings your shop back onto a new one. It is shown only now.',
  'access.recoveryCode.done': 'I have written it down',
  'access.revoke.confirm': 'Revoke “{name}”? It last synced {date}.',
  'access.revoke.confirmNever': 'Revoke “{name}”? It has never synced.',
  'access.revoke.lastOther': 'It is the last device besides this one: enter the recovery code to revoke it.',
  'access.revoke.submit': 'Revoke the device',
  'access.revoke.cancel': 'Keep it',
  'access.security.title': 'Security',
  'access.renew.title': 'Renew the recovery code',
  'access.renew.help':
    'Enter the current recovery code to get a new one; the current one then stops working.',
  'access.renew.current': 'Current recovery code',
  'access.renew.submit': 'Renew the recovery code',
  'access.log.title': 'Security log',
  'access.log.empty': 'No security events yet.',
  'access.log.shop_created': '{date}: shop created on “{actor}”',
  'access.log.device_paired': '{date}: “{subject}” added by “{actor}”',
  'access.log.device_revoked': '{date}: “{subject}” revoked by “{actor}” (last synced {lastSeen})',
  'access.log.device_revoked.never': '{date}: “{subject}” revoked by “{actor}” (never synced)',
  'access.log.recovery_used': '{date}: recovery code used to add “{subject}”',
  'access.log.recovery_renewed': '{date}: recovery code renewed on “{actor}”',
  'access.error.setup_code_required': 'This server needs its setup code for the first shop.',
  'access.error.setup_code_invalid': 'That setup code is not right, or it was already used.',
  'access.error.signup_closed':
    'This server takes no new shops. Join your shop with a pairing code, or ask the server’s operator.',
  'access.error.recovery_code_required': 'Enter the recovery code.',
  'access.error.recovery_code_invalid': 'That recovery code is not right.',
  'access.sms.countryNotAllowed':
    'This server texts only numbers of the shop’s own country (Settings > Needs attention) or of the countries its operator allows.',
} as const;

export const accessMessages = {
  en,
  de: {
    'access.setupCode': 'Einrichtungscode',
    'access.setupCode.help':
      'Der erste Shop auf einem neuen Server braucht den einmaligen Einrichtungscode, den der Server beim Start ausgegeben hat. Sein Einrichtungslink trägt ihn ein.',
    'access.recover.title': 'Alle Geräte verloren? Mit dem Wiederherstellungscode zurück',
    'access.recover.code': 'Wiederherstellungscode',
    'access.recover.submit': 'Shop wiederherstellen',
    'access.recoveryCode.title': 'Ihr Wiederherstellungscode',
    'access.recoveryCode.help':
      'Schreiben Sie diesen Code auf und bewahren Sie ihn getrennt von Ihren Geräten auf. Gehen alle Geräte verloren oder werden gesperrt, holt er Ihren Shop auf ein neues Gerät. Er wird nur jetzt angezeigt.',
    'access.recoveryCode.done': 'Ich habe ihn aufgeschrieben',
    'access.revoke.confirm': '„{name}“ sperren? Zuletzt synchronisiert {date}.',
    'access.revoke.confirmNever': '„{name}“ sperren? Es wurde noch nie synchronisiert.',
    'access.revoke.lastOther':
      'Es ist das letzte Gerät außer diesem: Geben Sie den Wiederherstellungscode ein, um es zu sperren.',
    'access.revoke.submit': 'Gerät sperren',
    'access.revoke.cancel': 'Behalten',
    'access.security.title': 'Sicherheit',
    'access.renew.title': 'Wiederherstellungscode erneuern',
    'access.renew.help':
      'Geben Sie den aktuellen Wiederherstellungscode ein, um einen neuen zu erhalten; der aktuelle gilt danach nicht mehr.',
    'access.renew.current': 'Aktueller Wiederherstellungscode',
    'access.renew.submit': 'Wiederherstellungscode erneuern',
    'access.log.title': 'Sicherheitsprotokoll',
    'access.log.empty': 'Noch keine Sicherheitsereignisse.',
    'access.log.shop_created': '{date}: Shop auf „{actor}“ angelegt',
    'access.log.device_paired': '{date}: „{subject}“ von „{actor}“ hinzugefügt',
    'access.log.device_revoked':
      '{date}: „{subject}“ von „{actor}“ gesperrt (zuletzt synchronisiert {lastSeen})',
    'access.log.device_revoked.never': '{date}: „{subject}“ von „{actor}“ gesperrt (nie synchronisiert)',
    'access.log.recovery_used': '{date}: Wiederherstellungscode verwendet, um „{subject}“ hinzuzufügen',
    'access.log.recovery_renewed': '{date}: Wiederherstellungscode auf „{actor}“ erneuert',
    'access.error.setup_code_required': 'Dieser Server braucht für den ersten Shop seinen Einrichtungscode.',
    'access.error.setup_code_invalid': 'Dieser Einrichtungscode stimmt nicht oder wurde schon verwendet.',
    'access.error.signup_closed':
      'Dieser Server nimmt keine neuen Shops an. Treten Sie Ihrem Shop mit einem Kopplungscode bei oder fragen Sie den Betreiber des Servers.',
    'access.error.recovery_code_required': 'Geben Sie den Wiederherstellungscode ein.',
    'access.error.recovery_code_invalid': 'Dieser Wiederherstellungscode stimmt nicht.',
    'access.sms.countryNotAllowed':
      'Dieser Server schickt SMS nur an Nummern aus dem Land des Shops (Einstellungen > Braucht Aufmerksamkeit) oder aus Ländern, die sein Betreiber erlaubt.',
  },
  sv: {
    'access.setupCode': 'Installationskod',
    'access.setupCode.help':
      'Den första butiken på en ny server behöver engångskoden som servern skrev ut när den startade. Dess installationslänk fyller i den.',
    'access.recover.title': 'Har du förlorat alla enheter? Använd återställningskoden',
    'access.recover.code': 'Återställningskod',
    'access.recover.submit': 'Återställ butiken',
    'access.recoveryCode.title': 'Din återställningskod',
    'access.recoveryCode.help':
      'Skriv ner koden och förvara den skild från dina enheter. Om alla enheter förloras eller spärras tar den tillbaka din butik till en ny enhet. Den visas bara nu.',
    'access.recoveryCode.done': 'Jag har skrivit ner den',
    'access.revoke.confirm': 'Spärra ”{name}”? Den synkroniserades senast {date}.',
    'access.revoke.confirmNever': 'Spärra ”{name}”? Den har aldrig synkroniserats.',
    'access.revoke.lastOther':
      'Det är den sista enheten utöver den här: ange återställningskoden för att spärra den.',
    'access.revoke.submit': 'Spärra enheten',
    'access.revoke.cancel': 'Behåll den',
    'access.security.title': 'Säkerhet',
    'access.renew.title': 'Förnya återställningskoden',
    'access.renew.help':
      'Ange den nuvarande återställningskoden för att få en ny; den nuvarande slutar sedan att gälla.',
    'access.renew.current': 'Nuvarande återställningskod',
    'access.renew.submit': 'Förnya återställningskoden',
    'access.log.title': 'Säkerhetslogg',
    'access.log.empty': 'Inga säkerhetshändelser ännu.',
    'access.log.shop_created': '{date}: butiken skapades på ”{actor}”',
    'access.log.device_paired': '{date}: ”{subject}” lades till av ”{actor}”',
    'access.log.device_revoked':
      '{date}: ”{subject}” spärrades av ”{actor}” (synkroniserades senast {lastSeen})',
    'access.log.device_revoked.never': '{date}: ”{subject}” spärrades av ”{actor}” (aldrig synkroniserad)',
    'access.log.recovery_used': '{date}: återställningskoden användes för att lägga till ”{subject}”',
    'access.log.recovery_renewed': '{date}: återställningskoden förnyades på ”{actor}”',
    'access.error.setup_code_required': 'Servern behöver sin installationskod för den första butiken.',
    'access.error.setup_code_invalid': 'Installationskoden stämmer inte, eller har redan använts.',
    'access.error.signup_closed':
      'Servern tar inte emot nya butiker. Anslut till din butik med en parkopplingskod, eller fråga serverns administratör.',
    'access.error.recovery_code_required': 'Ange återställningskoden.',
    'access.error.recovery_code_invalid': 'Återställningskoden stämmer inte.',
    'access.sms.countryNotAllowed':
      'Servern skickar sms bara till nummer i butikens eget land (Inställningar > Behöver åtgärdas) eller i länder som dess administratör tillåter.',
  },
  ru: {
    'access.setupCode': 'Код установки',
    'access.setupCode.help':
      'Первому магазину на новом сервере нужен одноразовый код установки, который сервер вывел при запуске. Ссылка установки подставляет его сама.',
    'access.recover.title': 'Потеряли все устройства? Используйте код восстановления',
    'access.recover.code': 'Код восстановления',
    'access.recover.submit': 'Восстановить магазин',
    'access.recoveryCode.title': 'Ваш код восстановления',
    'access.recoveryCode.help':
      'Запишите этот код и храните его отдельно от устройств. Если все устройства потеряны или отключены, он вернёт магазин на новое устройство. Код показывается только сейчас.',
    'access.recoveryCode.done': 'Я его записал(а)',
    'access.revoke.confirm': 'Отключить «{name}»? Последняя синхронизация: {date}.',
    'access.revoke.confirmNever': 'Отключить «{name}»? Оно ещё ни разу не синхронизировалось.',
    'access.revoke.lastOther':
      'Это последнее устройство, кроме этого: введите код восстановления, чтобы отключить его.',
    'access.revoke.submit': 'Отключить устройство',
    'access.revoke.cancel': 'Оставить',
    'access.security.title': 'Безопасность',
    'access.renew.title': 'Обновить код восстановления',
    'access.renew.help':
      'Введите текущий код восстановления, чтобы получить новый; текущий перестанет действовать.',
    'access.renew.current': 'Текущий код восстановления',
    'access.renew.submit': 'Обновить код восстановления',
    'access.log.title': 'Журнал безопасности',
    'access.log.empty': 'Событий безопасности пока нет.',
    'access.log.shop_created': '{date}: магазин создан на «{actor}»',
    'access.log.device_paired': '{date}: «{actor}» добавило «{subject}»',
    'access.log.device_revoked':
      '{date}: «{actor}» отключило «{subject}» (последняя синхронизация {lastSeen})',
    'access.log.device_revoked.never':
      '{date}: «{actor}» отключило «{subject}» (ни разу не синхронизировалось)',
    'access.log.recovery_used': '{date}: код восстановления использован, чтобы добавить «{subject}»',
    'access.log.recovery_renewed': '{date}: код восстановления обновлён на «{actor}»',
    'access.error.setup_code_required': 'Для первого магазина этому серверу нужен код установки.',
    'access.error.setup_code_invalid': 'Код установки неверен или уже использован.',
    'access.error.signup_closed':
      'Этот сервер не принимает новые магазины. Подключитесь к своему магазину по коду привязки или обратитесь к администратору сервера.',
    'access.error.recovery_code_required': 'Введите код восстановления.',
    'access.error.recovery_code_invalid': 'Код восстановления неверен.',
    'access.sms.countryNotAllowed':
      'Этот сервер отправляет SMS только на номера страны магазина (Настройки > Требуют внимания) или стран, разрешённых его администратором.',
  },
} satisfies Catalogs<typeof en>;
