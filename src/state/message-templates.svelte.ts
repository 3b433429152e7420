/**
 * The "Messages" editor: one message (kind x language) as the seller is rewriting it, what is
 * wrong with it, and how it reads on a real order. Saving stores only what differs from the
 * standard text (`withOverride`), in the synced settings, so the server renders the same text.
 */
import type { Locale } from '../core/i18n/locales.ts';
import {
  TEMPLATE_MAX_CHARS,
  buildNotificationContext,
  isCustomized,
  renderEmail,
  renderSms,
  templateFor,
  validateTemplate,
  withOverride,
  type NotificationKind,
  type NotificationTemplate,
  type RenderedEmail,
  type RenderedSms,
  type TemplateIssue,
} from '../core/notifications/index.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { NotificationSettings, Settings } from '../core/settings.ts';

/** A part longer than `TEMPLATE_MAX_CHARS` allows (the server would refuse the settings). */
export interface TooLong {
  field: keyof NotificationTemplate;
  max: number;
}

export interface MessageExample {
  order: Order;
  parcels: readonly Parcel[];
}

export class MessageTemplatesState {
  readonly #settings: () => Settings;
  readonly #save: (notifications: NotificationSettings) => Promise<unknown>;
  #kind = $state<NotificationKind>('shipped');
  #locale = $state<Locale>('en');
  #draft = $state<NotificationTemplate>({ subject: '', body: '', sms: '' });

  constructor(
    settings: () => Settings,
    save: (notifications: NotificationSettings) => Promise<unknown>,
    locale: Locale,
  ) {
    this.#settings = settings;
    this.#save = save;
    this.select('shipped', locale);
  }

  get kind(): NotificationKind {
    return this.#kind;
  }
  get locale(): Locale {
    return this.#locale;
  }
  /** The text being edited; bind the fields to its parts. */
  get draft(): NotificationTemplate {
    return this.#draft;
  }

  /** Opens another message, as it is saved (unsaved edits of the previous one are dropped). */
  select(kind: NotificationKind, locale: Locale): void {
    this.#kind = kind;
    this.#locale = locale;
    this.#draft = templateFor(kind, locale, this.#settings().notifications.templates);
  }

  /** Whether the saved version of this message is the seller's own. */
  get customized(): boolean {
    return isCustomized(this.#settings().notifications.templates, this.#kind, this.#locale);
  }

  /** Unknown placeholders, unbalanced sections, empty parts. */
  get issues(): TemplateIssue[] {
    return validateTemplate(this.#draft);
  }

  get tooLong(): TooLong[] {
    return (['subject', 'body', 'sms'] as const)
      .filter((field) => this.#draft[field].length > TEMPLATE_MAX_CHARS[field])
      .map((field) => ({ field, max: TEMPLATE_MAX_CHARS[field] }));
  }

  /** The draft filled from `example` in the message's language, escaped as it will be sent. */
  preview(example: MessageExample): { email: RenderedEmail; sms: RenderedSms } {
    const { shop, carriers } = this.#settings();
    const context = buildNotificationContext(example.order, example.parcels, {
      locale: this.#locale,
      shop: { name: shop.shopName, replyTo: shop.replyTo || shop.senderEmail },
      customCarriers: carriers.custom,
    });
    return { email: renderEmail(this.#draft, context), sms: renderSms(this.#draft, context) };
  }

  /** Saves the draft; refused (false) while it has problems. */
  async save(): Promise<boolean> {
    if (this.issues.length > 0 || this.tooLong.length > 0) return false;
    await this.#store($state.snapshot(this.#draft));
    return true;
  }

  /** Back to the standard text, saved at once. */
  async reset(): Promise<void> {
    await this.#store(null);
    this.select(this.#kind, this.#locale);
  }

  async #store(template: NotificationTemplate | null): Promise<void> {
    const notifications = $state.snapshot(this.#settings().notifications) as NotificationSettings;
    const templates = withOverride(notifications.templates, this.#kind, this.#locale, template);
    const next: NotificationSettings = { ...notifications };
    if (Object.keys(templates).length > 0) next.templates = templates;
    else delete next.templates;
    await this.#save(next);
  }
}
