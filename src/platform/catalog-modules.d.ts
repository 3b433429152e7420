/** The per-language catalog modules made by `scripts/vite-catalogs.ts`. */
declare module 'virtual:trackpack-catalog/*' {
  const catalog: import('../core/i18n/index.ts').Catalog;
  export default catalog;
}

/** The shell's first words in every language, made by `scripts/vite-catalogs.ts`. */
declare module 'virtual:trackpack-first-words' {
  const words: import('../core/i18n/first-words.ts').FirstWords;
  export default words;
}
