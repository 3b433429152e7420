/** The per-language catalog modules made by `scripts/vite-catalogs.ts`. */
declare module 'virtual:trackpack-catalog/*' {
  const catalog: import('../core/i18n/index.ts').Catalog;
  export default catalog;
}
