/**
 * Service worker registration with a prompt to update. A new version installs in the
 * background and then waits; the app shows "A new version is ready" and only the seller's
 * click on Reload activates it (a reload in the middle of packing would lose a half-filled form).
 */
import { Workbox } from 'workbox-window';

export interface UpdateHandlers {
  /** A new version is installed and waiting. */
  onUpdateReady: () => void;
  /** The app is cached for offline use for the first time. */
  onOfflineReady: () => void;
}

export interface ServiceWorkerControl {
  /** Activates the waiting version and reloads once it controls the page. */
  applyUpdate: () => void;
}

export function registerServiceWorker(handlers: UpdateHandlers): ServiceWorkerControl | undefined {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return undefined;
  const wb = new Workbox('/sw.js', { scope: '/', type: 'classic' });

  wb.addEventListener('waiting', () => handlers.onUpdateReady());
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) handlers.onOfflineReady();
  });
  void wb.register().then((registration) => {
    // A version may already be waiting from an earlier visit.
    if (registration?.waiting && navigator.serviceWorker.controller) handlers.onUpdateReady();
    // Look for a new version now and then while the app stays open (phones keep tabs for days).
    setInterval(() => void registration?.update(), UPDATE_CHECK_INTERVAL_MS);
  });

  return {
    applyUpdate() {
      // Reload only once the new version controls this page, and only because the seller asked.
      navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
        once: true,
      });
      wb.messageSkipWaiting();
    },
  };
}

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * After a deploy, a tab still running the old version can ask for a lazily loaded chunk that no
 * longer exists. Vite raises `vite:preloadError` then; we ask the seller to reload.
 */
export function onStaleChunk(listener: () => void): void {
  window.addEventListener('vite:preloadError', (event) => {
    event.preventDefault();
    listener();
  });
}
