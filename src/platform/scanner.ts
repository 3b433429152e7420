/**
 * The camera barcode scanner: the rear camera into a <video>, frames read by the native
 * `BarcodeDetector` where the browser has one that reads Code 128, else by the `barcode-detector`
 * ponyfill (ZXing as WebAssembly), which is imported only when a scanner opens.
 *
 * Owns: the camera stream (stopped on `stop()`), the detector, the frame loop, the torch. Never
 * decides what a code means (that is `src/core/scan/`).
 *
 * Offline: zxing-wasm fetches its `.wasm` from a CDN unless told otherwise. We import the file
 * with Vite's `?url`, so it is emitted into `dist/assets`, precached by the service worker (the
 * glob includes `wasm`), and loaded from our own origin through `locateFile`.
 */
import { SCAN_FORMATS, type ScanFormat } from '../core/scan/index.ts';

/** Time between two frames handed to the detector; ZXing takes ~20-60 ms a frame on a phone. */
export const SCAN_INTERVAL_MS = 150;
/** The same code is reported again only after it has been out of view this long. */
export const REPEAT_AFTER_MS = 2500;

export type ScanFailure = 'unsupported' | 'denied' | 'no-camera' | 'in-use' | 'detector';

export class ScanError extends Error {
  constructor(
    readonly reason: ScanFailure,
    options?: { cause?: unknown },
  ) {
    super(`scanner: ${reason}`, options);
    this.name = 'ScanError';
  }
}

export interface ScanSession {
  /** Whether the camera has a torch that can be switched. */
  readonly hasTorch: boolean;
  setTorch(on: boolean): Promise<boolean>;
  /** Stops the frame loop and the camera. Safe to call twice. */
  stop(): void;
}

export interface ScanOptions {
  video: HTMLVideoElement;
  /** Called once per code coming into view (see `REPEAT_AFTER_MS`). */
  onCode: (code: string, format: string) => void;
  /** Where the frames come from; default the rear camera. A seam for devices and tests. */
  getStream?: () => Promise<MediaStream>;
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string; format: string }[]>;
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

let ponyfillReady: Promise<NativeDetectorClass> | undefined;

/** The ZXing ponyfill with its `.wasm` from our own build; loaded once, on first use. */
function loadPonyfill(): Promise<NativeDetectorClass> {
  ponyfillReady ??= (async () => {
    const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
      import('barcode-detector/ponyfill'),
      import('zxing-wasm/reader/zxing_reader.wasm?url'),
    ]);
    await prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
      },
      fireImmediately: true,
    });
    return BarcodeDetector as unknown as NativeDetectorClass;
  })();
  // A failed load (offline before the first precache, say) may succeed on the next try.
  ponyfillReady.catch(() => (ponyfillReady = undefined));
  return ponyfillReady;
}

async function createDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (native) {
    try {
      const supported = await native.getSupportedFormats();
      const formats = SCAN_FORMATS.filter((f: ScanFormat) => supported.includes(f));
      if (formats.includes('code_128')) return new native({ formats });
    } catch {
      // A native detector that cannot list its formats: use ZXing.
    }
  }
  try {
    const Ponyfill = await loadPonyfill();
    return new Ponyfill({ formats: [...SCAN_FORMATS] });
  } catch (cause) {
    throw new ScanError('detector', { cause });
  }
}

function rearCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new ScanError('unsupported'));
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
}

function cameraFailure(error: unknown): ScanError {
  if (error instanceof ScanError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return new ScanError('denied', { cause: error });
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return new ScanError('no-camera', { cause: error });
  if (name === 'NotReadableError' || name === 'AbortError') return new ScanError('in-use', { cause: error });
  return new ScanError('no-camera', { cause: error });
}

type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

/** Opens the camera into `video` and reports codes until `stop()`. Rejects with a `ScanError`. */
export async function startScanner(options: ScanOptions): Promise<ScanSession> {
  const { video, onCode } = options;
  // Camera and detector load in parallel: the permission prompt hides the WASM download.
  const detectorReady = createDetector();
  detectorReady.catch(() => undefined);
  let stream: MediaStream;
  try {
    stream = await (options.getStream ?? rearCamera)();
  } catch (error) {
    throw cameraFailure(error);
  }
  const stopStream = () => stream.getTracks().forEach((track) => track.stop());
  let detector: Detector;
  try {
    detector = await detectorReady;
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  } catch (error) {
    stopStream();
    throw error instanceof ScanError ? error : new ScanError('no-camera', { cause: error });
  }

  const track = stream.getVideoTracks()[0];
  const hasTorch = Boolean((track?.getCapabilities?.() as TorchCapabilities | undefined)?.torch);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = { code: '', seenAt: 0 };

  async function tick(): Promise<void> {
    if (stopped) return;
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      try {
        const found = await detector.detect(video);
        const now = Date.now();
        for (const barcode of found) {
          const code = barcode.rawValue;
          if (code === '') continue;
          const repeat = code === last.code && now - last.seenAt < REPEAT_AFTER_MS;
          last = { code, seenAt: now };
          if (!repeat && !stopped) onCode(code, barcode.format);
          break;
        }
      } catch {
        // One unreadable frame (resizing, a dropped frame) is no reason to stop scanning.
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
  }
  void tick();

  return {
    hasTorch,
    async setTorch(on: boolean): Promise<boolean> {
      if (!track || !hasTorch) return false;
      try {
        await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
        return on;
      } catch {
        return false;
      }
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      stopStream();
      video.srcObject = null;
    },
  };
}
