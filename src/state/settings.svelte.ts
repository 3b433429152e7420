/** Seller settings: loaded from the repository, validated and saved with an outbox entry. */
import { looksLikeEmail, type Settings } from '../core/settings.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import type { Repository } from '../storage/repository.ts';
import { readStorageFacts, requestPersistence, type StorageFacts } from '../platform/persistence.ts';

export type SettingsProblem = { field: 'senderEmail' | 'replyTo'; value: string };

export class SettingsState {
  readonly #repo: Repository;
  #settings = $state<Settings>(structuredClone(DEFAULT_SETTINGS));
  #loaded = $state(false);
  #storage = $state<StorageFacts>({ persistence: 'unknown', usageBytes: undefined, quotaBytes: undefined });

  constructor(repo: Repository) {
    this.#repo = repo;
  }

  get current(): Settings {
    return this.#settings;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get storage(): StorageFacts {
    return this.#storage;
  }

  async load(): Promise<void> {
    this.#settings = await this.#repo.getSettings();
    this.#loaded = true;
  }

  /** Problems that prevent saving; empty when the settings can be saved. */
  validate(settings: Settings): SettingsProblem[] {
    const problems: SettingsProblem[] = [];
    for (const field of ['senderEmail', 'replyTo'] as const) {
      const value = settings.shop[field].trim();
      if (value !== '' && !looksLikeEmail(value)) problems.push({ field, value });
    }
    return problems;
  }

  async save(settings: Settings): Promise<SettingsProblem[]> {
    const cleaned: Settings = {
      ...settings,
      shop: {
        shopName: settings.shop.shopName.trim(),
        senderName: settings.shop.senderName.trim(),
        senderEmail: settings.shop.senderEmail.trim(),
        replyTo: settings.shop.replyTo.trim(),
      },
    };
    const problems = this.validate(cleaned);
    if (problems.length) return problems;
    await this.#repo.saveSettings($state.snapshot(cleaned) as Settings);
    this.#settings = cleaned;
    return [];
  }

  async refreshStorage(): Promise<void> {
    this.#storage = await readStorageFacts();
  }

  /** Asks the browser to keep our data; true when it agreed. */
  async persist(): Promise<boolean> {
    const granted = await requestPersistence();
    await this.refreshStorage();
    return granted;
  }
}
