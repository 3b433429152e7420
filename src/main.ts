/**
 * Start-up: wires the repository (IndexedDB) and the platform into the state root and mounts the
 * UI. The only place that chooses concrete implementations.
 */
import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { AppState } from './state/app.svelte.ts';
import { DexieRepository } from './storage/dexie-repository.ts';

const app = new AppState(new DexieRepository(), navigator.languages);
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { app } });
void app.start();
