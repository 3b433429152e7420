/**
 * Page model of the orders workspace: the list with its search, filters, status links, selection
 * and bulk actions, the undo toast and the order detail. Role and label locators only, except for
 * `seed`, which writes orders straight into the app's IndexedDB the way the import stores them.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Order } from '../../../src/core/model/order.ts';
import type { Parcel } from '../../../src/core/model/parcel.ts';

export class OrdersPage {
  constructor(readonly page: Page) {}

  /**
   * Writes orders (and their parcels) into the app's database (the app must have opened it
   * once) and reloads, so that the app reads them as it would after an import.
   */
  async seed(orders: readonly Order[], parcels: readonly Parcel[] = []): Promise<void> {
    await this.page.evaluate(
      async ([rows, parcelRows]) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('trackpack');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['orders', 'parcels'], 'readwrite');
          for (const row of rows) tx.objectStore('orders').put(row);
          for (const row of parcelRows) tx.objectStore('parcels').put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      [orders, parcels] as const,
    );
    await this.page.reload();
  }

  search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search orders' });
  }

  list(): Locator {
    return this.page.getByRole('grid', { name: 'Order list' });
  }

  /** An order's row (the table's header row has no gridcells, so it is never one of these). */
  row(externalId: string): Locator {
    return this.rows().filter({ hasText: externalId });
  }

  rows(): Locator {
    return this.list()
      .getByRole('row')
      .filter({ has: this.page.getByRole('gridcell') });
  }

  /** A column header of the laptop table. */
  columnHeader(name: string): Locator {
    return this.list().getByRole('columnheader', { name, exact: true });
  }

  /** Clicks a sortable column header. */
  async sortBy(column: string): Promise<void> {
    await this.columnHeader(column).getByRole('button', { name: column }).click();
  }

  /** The folding summary with the chart of the last 30 days. */
  summary(): Locator {
    return this.page.locator('details').filter({ has: this.summaryToggle() });
  }

  async toggleSummary(): Promise<void> {
    await this.summaryToggle().click();
  }

  private summaryToggle(): Locator {
    return this.page.locator('summary').filter({ hasText: /^Last 30 days$/ });
  }

  shown(): Locator {
    return this.page.getByRole('status').filter({ hasText: /orders? shown/ });
  }

  statusLink(name: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Orders by status' })
      .getByRole('link', { name: new RegExp(`^${name} \\d+$`) });
  }

  dateRange(): Locator {
    return this.page.getByLabel('Order date');
  }

  async select(...externalIds: string[]): Promise<void> {
    for (const id of externalIds)
      await this.page.getByRole('checkbox', { name: `Select order ${id}` }).check();
  }

  bulk(): Locator {
    return this.page.getByRole('region', { name: 'Actions for the selected orders' });
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async markShipped(): Promise<void> {
    await this.bulk().getByRole('button', { name: 'Mark shipped' }).click();
  }

  async wontShip(reason: string): Promise<void> {
    await this.bulk().getByRole('button', { name: 'Won’t ship…' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Why won’t it ship?').fill(reason);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
  }

  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  async open(externalId: string): Promise<Locator> {
    await this.row(externalId).getByRole('link', { name: externalId }).click();
    const detail = this.page.getByRole('region', { name: `Order ${externalId}` });
    await expect(detail).toBeVisible();
    return detail;
  }

  history(detail: Locator): Locator {
    return detail.getByRole('list', { name: 'History' });
  }
}
