/**
 * The screens that load on first use, each its own chunk (the service worker precaches them all,
 * so each opens offline too). The Orders screen is the first screen and stays in the entry chunk.
 * Module-level functions, so that a screen's `LazyScreen` starts one import, not one per render.
 */
export const loadSettingsScreen = () => import('./SettingsScreen.svelte');
export const loadPackingScreen = () => import('./PackingScreen.svelte');
export const loadImportScreen = () => import('./ImportScreen.svelte');
export const loadTrackingSheetScreen = () => import('./TrackingSheetScreen.svelte');
export const loadNotifyScreen = () => import('./NotifyScreen.svelte');
