/** Messages of the import screens; every key in en, de, sv and ru. */
import type { Catalogs } from '../catalog-types.ts';

const en = {} as const;

export const importMessages = {
  en,
  de: {},
  sv: {},
  ru: {},
} satisfies Catalogs<typeof en>;
