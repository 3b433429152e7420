/**
 * "What time is it", injected: code that needs now takes a `Clock`, and tests pass a fixed one.
 * Only the composition root and defaults use `systemClock`.
 */
import { localDay } from './orders/date-range.ts';

export type Clock = () => Date;

/** The device's clock. */
export const systemClock: Clock = () => new Date();

/** The clock's time as ISO 8601. */
export const nowIso = (clock: Clock = systemClock): string => clock().toISOString();

/** The seller's calendar day by the clock, `yyyy-mm-dd`. */
export const todayLocal = (clock: Clock = systemClock): string => localDay(clock());
