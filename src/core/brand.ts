/**
 * Branded identifiers: a string that the compiler will not confuse with another kind of string.
 * `OrderId` and `ParcelId` are both strings at run time, but passing one where the other is
 * expected is a compile error.
 */
declare const BRAND: unique symbol;
export type Brand<T, B extends string> = T & { readonly [BRAND]: B };
