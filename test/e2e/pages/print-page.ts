/**
 * Page model of the packing-slip print view. `stubPrint` (before the page loads) replaces
 * `window.print` by a counter, so printing neither opens a dialog nor fires `afterprint`: the
 * print view stays mounted for the test to read. `asPrinted` switches to print media, where the
 * view shows and the rest of the app is hidden, as on paper. Role and label locators only.
 */
import type { Locator, Page } from '@playwright/test';

declare global {
  interface Window {
    __printCalls?: number;
  }
}

export class PrintPage {
  constructor(readonly page: Page) {}

  static async stubPrint(page: Page): Promise<void> {
    await page.addInitScript(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls = (window.__printCalls ?? 0) + 1;
      };
    });
  }

  printCalls(): Promise<number> {
    return this.page.evaluate(() => window.__printCalls ?? 0);
  }

  /** Media `print` on (the page as the printer gets it) or back to `screen`. */
  async asPrinted(on = true): Promise<void> {
    await this.page.emulateMedia({ media: on ? 'print' : 'screen' });
  }

  /** The print view: one article per slip. */
  view(): Locator {
    return this.page.getByRole('region', { name: 'Packing slips', includeHidden: true });
  }

  slips(): Locator {
    return this.view().getByRole('article', { includeHidden: true });
  }

  /** The slip of one order: its heading is the order number. */
  slip(externalId: string): Locator {
    return this.slips().filter({
      has: this.page.getByRole('heading', { level: 1, name: `Order ${externalId}`, includeHidden: true }),
    });
  }

  barcode(slip: Locator, code: string): Locator {
    return slip.getByRole('img', { name: `Barcode of order number ${code}`, includeHidden: true });
  }

  layout(scope: Locator): Locator {
    return scope.getByLabel('Slip size');
  }

  /** The part of a large selection to print ("1–200"). */
  part(scope: Locator): Locator {
    return scope.getByLabel('Part', { exact: true });
  }
}
