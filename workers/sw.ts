/**
 * The service worker: precaches the built app (Workbox), answers navigations with the app shell
 * so that every route works offline, and receives files shared to Trackpack (the manifest's
 * share_target) while offline too.
 *
 * It never calls skipWaiting by itself: a new version waits until the seller clicks "Reload" in
 * the update banner, which posts SKIP_WAITING. clientsClaim() makes the very first visit
 * controlled, so the app works offline after one load.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

/** Where a shared file waits until the import screen picks it up. */
const SHARE_CACHE = 'trackpack-shared-files';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // Pages the server renders itself (the buyer's tracking page) and the API are never the app.
    denylist: [/^\/api\//, /^\/t\//, /^\/share-target/],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync (Chromium) only wakes the app's sync loop: the outbox in IndexedDB is the queue.
self.addEventListener('sync', (event) => {
  const syncEvent = event as ExtendableEvent & { tag?: string };
  if (syncEvent.tag !== 'trackpack-outbox') return;
  syncEvent.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'BACKGROUND_SYNC' });
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.pathname === '/share-target') {
    event.respondWith(receiveSharedFile(event.request));
  }
});

async function receiveSharedFile(request: Request): Promise<Response> {
  const form = await request.formData();
  const file = form.get('file');
  const cache = await caches.open(SHARE_CACHE);
  if (file instanceof File) {
    await cache.put(
      '/shared-file',
      new Response(file, {
        headers: { 'Content-Type': file.type, 'X-File-Name': encodeURIComponent(file.name) },
      }),
    );
  } else {
    const text = form.get('text');
    if (typeof text === 'string' && text.trim() !== '') {
      await cache.put('/shared-file', new Response(text, { headers: { 'Content-Type': 'text/plain' } }));
    }
  }
  return Response.redirect('/import?shared=1', 303);
}
