/**
 * Start-up: wires the repository (IndexedDB) and the platform into the state root and mounts the
 * UI. The only place that chooses concrete implementations.
 */
import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { AppState } from './state/app.svelte.ts';
import { UiPrefsState } from './state/ui-prefs.svelte.ts';
import { browserPrefsStorage } from './platform/prefs-storage.ts';
import { DexieRepository } from './storage/dexie-repository.ts';
import { DexieSyncStore } from './storage/dexie-sync-store.ts';
import type { SyncStore } from './sync/index.ts';

const repo = new DexieRepository();
// The compiler checks here that the Dexie store is the store the sync loop expects.
const syncStore: DexieSyncStore & SyncStore = new DexieSyncStore(repo);
const app = new AppState(repo, syncStore, navigator.languages);
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const prefs = new UiPrefsState(browserPrefsStorage());
mount(App, { target, props: { app, prefs } });
void app.start();
