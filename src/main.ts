/**
 * Start-up: wires the repository (IndexedDB) and the platform into the state root and mounts the
 * UI. The only place that chooses concrete implementations.
 */
import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { AppState } from './state/app.svelte.ts';
import type { BulkStep } from './state/orders.svelte.ts';
import { UiPrefsState } from './state/ui-prefs.svelte.ts';
import { browserPrefsStorage } from './platform/prefs-storage.ts';
import { DexieRepository } from './storage/dexie-repository.ts';
import { DexieSyncStore } from './storage/dexie-sync-store.ts';
import type { SyncStatusStore, SyncStore } from './sync/store.ts';

const repo = new DexieRepository();
// The compiler checks here that the Dexie store is the store the sync loop and status expect.
const syncStore: SyncStore & SyncStatusStore = new DexieSyncStore(repo);
/**
 * A benchmark sets this before the page loads to time a bulk change's steps
 * (scripts/bench-orders.mjs, test/e2e/orders-perf.spec.ts); the app itself never sets it.
 */
const onMeasure = (globalThis as { trackpackOnMeasure?: (step: BulkStep) => void }).trackpackOnMeasure;
const app = new AppState(repo, syncStore, navigator.languages, onMeasure ? { onMeasure } : {});
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const prefs = new UiPrefsState(browserPrefsStorage());
// The language's catalog is its own chunk: the shell is painted with its words, not its keys.
await app.i18n.ready();
mount(App, { target, props: { app, prefs } });
void app.start();
