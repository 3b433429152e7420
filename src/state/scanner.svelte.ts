/**
 * One camera scanning session, as the scanner on screen shows it: starting, scanning or failed
 * (and why), the last code read, the torch. The camera runs from `start` until `close` or `stop`;
 * the platform scanner (`src/platform/scanner.ts`) does the camera and the decoding.
 */
import { ScanError, startScanner, type ScanFailure, type ScanSession } from '../platform/scanner.ts';

export type ScanPhase = 'starting' | 'scanning' | 'failed';

export interface ScannerOptions {
  /** Called once per code coming into view. */
  onCode: (code: string) => void;
  /** Called when the session closes itself or is closed by the seller. */
  onClose: () => void;
  /** Keep scanning after a code (the packing loop); otherwise the first code closes. */
  continuous: () => boolean;
}

export class ScannerState {
  #phase = $state<ScanPhase>('starting');
  #failure = $state<ScanFailure>('no-camera');
  #torch = $state(false);
  #hasTorch = $state(false);
  #lastCode = $state('');
  #session: ScanSession | undefined;
  #closed = false;
  readonly #options: ScannerOptions;

  constructor(options: ScannerOptions) {
    this.#options = options;
  }

  get phase(): ScanPhase {
    return this.#phase;
  }
  /** Why the camera could not start; meaningful when `phase` is `failed`. */
  get failure(): ScanFailure {
    return this.#failure;
  }
  get torch(): boolean {
    return this.#torch;
  }
  get hasTorch(): boolean {
    return this.#hasTorch;
  }
  get lastCode(): string {
    return this.#lastCode;
  }

  /** Opens the camera into `video`; again after a failure to retry. */
  async start(video: HTMLVideoElement): Promise<void> {
    this.#phase = 'starting';
    try {
      const opened = await startScanner({
        video,
        onCode: (code) => {
          this.#lastCode = code;
          this.#options.onCode(code);
          if (!this.#options.continuous()) this.close();
        },
      });
      if (this.#closed) {
        opened.stop();
        return;
      }
      this.#session = opened;
      this.#hasTorch = opened.hasTorch;
      this.#phase = 'scanning';
    } catch (error) {
      this.#failure = error instanceof ScanError ? error.reason : 'no-camera';
      this.#phase = 'failed';
    }
  }

  async toggleTorch(): Promise<void> {
    if (!this.#session) return;
    this.#torch = await this.#session.setTorch(!this.#torch);
  }

  /** The seller closes the scanner (or a single code was read): stop and tell `onClose`. */
  close(): void {
    this.stop();
    this.#options.onClose();
  }

  /** Stops the camera without telling anyone: the scanner left the screen. */
  stop(): void {
    this.#closed = true;
    this.#session?.stop();
    this.#session = undefined;
  }
}
