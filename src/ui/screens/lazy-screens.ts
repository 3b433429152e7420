/**
 * The screens that load on first use, each its own chunk (the service worker precaches them all,
 * so each opens offline too). The Orders screen comes with the data half of start-up
 * (`src/start-app.ts`). A screen whose state is built on first use (import, tracking sheets) is
 * shown once both its code and its state are there.
 * A screen's `LazyScreen` calls its loader once each time the screen is shown; the browser fetches
 * a chunk once, and a state is built once.
 */
import type { AppState } from '../../state/app.svelte.ts';

/** An order's detail and the new-order form, opened from the orders screen (with the address check). */
export const loadOrderDetail = () => import('./OrderDetail.svelte');
export const loadOrderForm = () => import('../components/OrderForm.svelte');

export const loadSettingsScreen = () => import('./SettingsScreen.svelte');
export const loadPackingScreen = () => import('./PackingScreen.svelte');
export const loadNotifyScreen = () => import('./NotifyScreen.svelte');

export const loadImportScreen = (app: AppState) =>
  Promise.all([import('./ImportScreen.svelte'), app.useImport()]).then(([screen]) => screen);

export const loadTrackingSheetScreen = (app: AppState) =>
  Promise.all([import('./TrackingSheetScreen.svelte'), app.useTracking()]).then(([screen]) => screen);
