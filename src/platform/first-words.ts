/**
 * The shell's first words in every language, built into the entry chunk by
 * `scripts/vite-catalogs.ts`, so that the first paint does not wait for a catalog's chunk.
 */
export { default as FIRST_WORDS } from 'virtual:trackpack-first-words';
