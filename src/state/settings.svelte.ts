/** Seller settings: loaded from the repository, validated and saved with an outbox entry. */
import { looksLikeEmail, type NotificationSettings, type Settings } from '../core/settings.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import type { Repository } from '../storage/repository.ts';
import { readStorageFacts, requestPersistence, type StorageFacts } from '../platform/persistence.ts';
import type { WorkflowSettings } from '../core/settings.ts';
import { isIsoCountryCode } from '../core/carriers/countries.ts';
import { cleanWorkflow, workflowProblems, type WorkflowProblem } from '../core/orders/attention-settings.ts';

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

  /**
   * Saves the carrier section alone, on top of the settings as they are now (not on a copy a
   * form took earlier, which would undo a change made elsewhere meanwhile).
   */
  async saveCarriers(carriers: Settings['carriers']): Promise<void> {
    const next: Settings = { ...$state.snapshot(this.#settings), carriers: $state.snapshot(carriers) };
    await this.#repo.saveSettings(next);
    this.#settings = next;
  }

  /** Remembers the seller's pick for tracking numbers of this shape (`CarrierMatch.formatKey`). */
  async rememberCarrier(formatKey: string, carrierId: string): Promise<void> {
    const carriers = this.#settings.carriers;
    if (carriers.preferred[formatKey] === carrierId) return;
    await this.saveCarriers({ ...carriers, preferred: { ...carriers.preferred, [formatKey]: carrierId } });
  }

  /** Saves the notification rules alone, over the settings as they are now. */
  async saveNotifications(notifications: NotificationSettings): Promise<SettingsProblem[]> {
    return this.save({ ...$state.snapshot(this.#settings), notifications: $state.snapshot(notifications) });
  }

  /**
   * Saves the "needs attention" section alone, over the settings as they are now; nothing is saved
   * when a threshold is not a whole number from 1 to 365 or the country is not an ISO code.
   */
  async saveWorkflow(workflow: WorkflowSettings): Promise<WorkflowProblem[]> {
    const cleaned = cleanWorkflow($state.snapshot(workflow) as WorkflowSettings);
    const problems = workflowProblems(cleaned, isIsoCountryCode);
    if (problems.length) return problems;
    const next: Settings = { ...$state.snapshot(this.#settings), workflow: cleaned };
    await this.#repo.saveSettings(next);
    this.#settings = next;
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
