/**
 * Page model of packing mode and its scan loop, with a fake camera: `installFakeCamera` (before
 * the page loads) makes `getUserMedia` return the stream of a canvas that the test paints
 * barcodes on, so the app's real detector (ZXing in headless Chromium) has to read them.
 * Role and label locators only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

declare global {
  interface Window {
    /** Paints a Code 128 from bar/space widths (in modules) on the fake camera's canvas. */
    __paintBars?: (widths: number[]) => void;
    /** Paints the black <rect>s of an SVG in the page (a printed slip's barcode) on the canvas. */
    __paintSvg?: (svg: SVGSVGElement) => void;
    __printCalls?: number;
  }
}

export class PackingPage {
  constructor(readonly page: Page) {}

  /** Replaces the camera by a painted canvas and `window.print` by a counter. Call before `goto`. */
  static async installFakeCamera(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const WIDTH = 960;
      const HEIGHT = 540;
      const MODULE_PX = 4;
      let paint: (ctx: CanvasRenderingContext2D) => void = () => undefined;
      let canvas: HTMLCanvasElement | undefined;
      function frame(): void {
        const ctx = canvas?.getContext('2d');
        if (!ctx) return;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, WIDTH, HEIGHT);
        ctx.fillStyle = '#000';
        paint(ctx);
      }
      function bars(runs: { x: number; width: number }[], modules: number): void {
        paint = (ctx) => {
          const left = Math.round((WIDTH - modules * MODULE_PX) / 2);
          for (const run of runs) ctx.fillRect(left + run.x * MODULE_PX, 170, run.width * MODULE_PX, 200);
        };
        frame();
      }
      window.__paintBars = (widths) => {
        const runs: { x: number; width: number }[] = [];
        let x = 0;
        widths.forEach((width, i) => {
          if (i % 2 === 0) runs.push({ x, width });
          x += width;
        });
        bars(runs, x);
      };
      window.__paintSvg = (svg) => {
        const runs = [...svg.querySelectorAll('rect')]
          .filter((rect) => rect.getAttribute('fill') === '#000')
          .map((rect) => ({ x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')) }));
        bars(runs, svg.viewBox.baseVal.width);
      };
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls = (window.__printCalls ?? 0) + 1;
      };
      const devices = navigator.mediaDevices;
      devices.getUserMedia = async () => {
        canvas ??= Object.assign(document.createElement('canvas'), { width: WIDTH, height: HEIGHT });
        frame();
        // A canvas stream only sends a frame when the canvas is painted: keep painting.
        setInterval(frame, 100);
        return canvas.captureStream(10);
      };
    });
  }

  async open(): Promise<void> {
    await this.page.goto('/packing');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Packing' })).toBeVisible();
  }

  /** The order on screen: its heading is the order number. */
  currentOrder(): Locator {
    return this.page.getByRole('article');
  }

  position(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Order \d+ of \d+ to pack$/ });
  }

  /** What the last scan did: the code field is described by it. */
  async expectNote(text: string | RegExp): Promise<void> {
    await expect(this.codeField()).toHaveAccessibleDescription(text, { timeout: 20_000 });
  }

  codeField(): Locator {
    return this.page.getByLabel('Order number or tracking number');
  }

  async type(code: string): Promise<void> {
    await this.codeField().fill(code);
    await this.page.getByRole('button', { name: 'Go', exact: true }).click();
  }

  async startScanning(): Promise<void> {
    await this.page
      .getByRole('button', { name: 'Scan packing slips and parcel labels with the camera' })
      .click();
    await expect(this.page.getByRole('region', { name: 'Barcode scanner' })).toContainText(
      'Hold the barcode in the middle of the picture',
    );
  }

  async showBars(widths: number[]): Promise<void> {
    await this.page.evaluate((w) => window.__paintBars?.(w), widths);
  }

  async showSvg(svg: Locator): Promise<void> {
    await svg.evaluate((element) => window.__paintSvg?.(element as SVGSVGElement));
  }

  async go(button: 'Next' | 'Previous'): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }
}
