/**
 * Page model of Settings → "Carriers and tracking links" and of the parcel form's carrier choice.
 * Role and label locators only; fields are found inside their fieldset, because the seller's own
 * carriers and the universal link both have a field called "Tracking link".
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class CarrierSettingsPage {
  constructor(readonly page: Page) {}

  form(): Locator {
    return this.page.getByRole('form', { name: 'Carriers and tracking links' });
  }

  ownCarriers(): Locator {
    return this.form().getByRole('group', { name: 'Your own carriers' });
  }

  /** Adds a carrier of the seller's own and saves the carrier settings. */
  async addCarrier(name: string, urlTemplate: string): Promise<void> {
    const own = this.ownCarriers();
    await own.getByRole('button', { name: 'Add carrier' }).click();
    await own.getByLabel('Carrier name').last().fill(name);
    await own.getByLabel('Tracking link').last().fill(urlTemplate);
    await this.save();
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Save carriers' }).click();
    await expect(this.form().getByRole('status')).toHaveText('Carriers saved.');
  }

  rememberedPicks(): Locator {
    return this.form().getByText(/remembered for \d+ kinds? of numbers?/);
  }
}

/** The parcel form inside an order's detail. */
export class ParcelFormPage {
  constructor(readonly detail: Locator) {}

  async open(): Promise<void> {
    await this.detail.getByRole('button', { name: 'Add parcel' }).click();
  }

  number(): Locator {
    return this.detail.getByLabel('Tracking number');
  }

  carrier(): Locator {
    return this.detail.getByLabel('Carrier', { exact: true });
  }

  ambiguousHint(): Locator {
    return this.detail.getByText('Several carriers use this format: pick one');
  }

  remember(): Locator {
    return this.detail.getByRole('checkbox', { name: 'Remember for numbers like this' });
  }

  async save(): Promise<void> {
    await this.detail.getByRole('button', { name: 'Save parcel' }).click();
  }

  /** The saved parcel's line in the detail's parcel list (not the history), by its number. */
  parcel(trackingNumber: string): Locator {
    return this.detail
      .getByRole('region', { name: 'Parcels', exact: true })
      .getByRole('listitem')
      .filter({ hasText: trackingNumber });
  }

  trackLink(trackingNumber: string): Locator {
    return this.parcel(trackingNumber).getByRole('link', { name: 'Track parcel' });
  }
}
