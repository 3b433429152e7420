/** Expected delivery windows learned from the seller's parcels; see `learn.ts`. */
export * from './learn.ts';
export * from './shipment.ts';
export { addWorkingDays, weekendOf, workingDaysBetween, type WeekendMask } from './working-days.ts';
