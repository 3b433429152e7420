/**
 * Start-up, in two halves. This entry is kept small: it paints the shell (header, navigation,
 * status strip and a placeholder for the first screen, in the seller's language) before IndexedDB
 * is opened, then loads the data half (`start-app.ts`: the repository, the sync engine, the state
 * of every screen, the orders screen) once that paint is on screen.
 */
import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { ShellState } from './state/shell.svelte.ts';
import { UiPrefsState } from './state/ui-prefs.svelte.ts';
import { browserPrefsStorage } from './platform/prefs-storage.ts';
import { loadCatalog } from './platform/catalogs.ts';
import { FIRST_WORDS } from './platform/first-words.ts';
import { afterNextPaint } from './platform/scheduling.ts';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const storage = browserPrefsStorage();
const shell = new ShellState({
  preferredLanguages: navigator.languages,
  catalogs: loadCatalog,
  firstWords: FIRST_WORDS,
  storage,
  installedBefore: Boolean(navigator.serviceWorker?.controller),
});
const prefs = new UiPrefsState(storage);
// The language's catalog is its own chunk, on its way now; the shell paints with its first words.
mount(App, { target, props: { shell, prefs } });
const loadData = () =>
  void shell.attach(() => import('./start-app.ts').then(({ startApp }) => startApp(shell)));
// Only once the shell is on screen does the data half compete for the network and the main
// thread. A hidden tab paints no frames and loads at once.
if (document.visibilityState === 'hidden') loadData();
else afterNextPaint(loadData);
