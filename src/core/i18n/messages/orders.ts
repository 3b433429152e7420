/** Messages of the orders screens; every key in en, de, sv and ru. */
import type { Catalogs } from '../catalog-types.ts';

const en = {} as const;

export const ordersMessages = {
  en,
  de: {},
  sv: {},
  ru: {},
} satisfies Catalogs<typeof en>;
